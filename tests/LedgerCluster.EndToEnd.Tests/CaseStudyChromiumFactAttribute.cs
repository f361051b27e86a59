namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A browser fact on the case study's real logs: needs both Debian's chromium (as <see cref="ChromiumFactAttribute"/>:
/// a skip on a developer machine without it, a failure naming the fix under CI=true) and ../shared (skipped, with the
/// reason, when absent).
/// </summary>
public sealed class CaseStudyChromiumFactAttribute : FactAttribute
{
    public CaseStudyChromiumFactAttribute()
    {
        if (CaseStudyRecords.LogDirectory is null) Skip = "../shared is absent (the read-only conformance data beside the repository); skipped";
        else if (Chromium.Path is null && !Chromium.InCi)
            Skip = "chromium is not installed (bash deploy/chromium.sh install); the leaderboard browser test needs Debian's chromium";
    }
}
