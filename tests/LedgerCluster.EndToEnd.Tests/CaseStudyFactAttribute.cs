namespace LedgerCluster.EndToEnd.Tests;

/// <summary>A fact on the case study's real per-item logs in ../shared: skipped, with the reason, when the folder is absent.</summary>
public sealed class CaseStudyFactAttribute : FactAttribute
{
    public CaseStudyFactAttribute()
    {
        if (CaseStudyRecords.LogDirectory is null) Skip = "../shared is absent (the read-only conformance data beside the repository); skipped";
    }
}
