namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A fact that drives Debian's chromium. When it is missing the test is skipped with the reason on a developer machine,
/// but runs (and fails, naming the fix) when CI=true: CI installs it with `deploy/chromium.sh install`.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.InCi)
            Skip = "chromium is not installed (bash deploy/chromium.sh install); the leaderboard browser test needs Debian's chromium";
    }
}
