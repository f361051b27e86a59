namespace LedgerCluster.Core.Records;

public static class SchemaVersions
{
    /// <summary>Byte-compatible with the Python verievals 0.1.0; no extension fields allowed.</summary>
    public const string Verievals = "verievals/runrecord/v1";

    /// <summary>Same rules plus the optional extension fields (finish_reason, output_tokens, latency_ms, model.snapshot).</summary>
    public const string LedgerCluster = "ledgercluster/runrecord/v1";

    /// <summary>The verievals_version the runner writes, so records match the Python original's.</summary>
    public const string VerievalsRelease = "0.1.0";
}
