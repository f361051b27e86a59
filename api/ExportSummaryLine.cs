namespace LedgerCluster.Api;

/// <summary>`GET /v1/export?summary=true` ends with one line `{"export_summary": {...}}`: counts, exclusions, checkpoints.</summary>
public static class ExportSummaryLine
{
    public const string Key = "export_summary";
}
