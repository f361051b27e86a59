namespace LedgerCluster.Silo.Gateway;

/// <summary>Limits of the HTTP gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>Largest single record accepted (a full GSM8K run with outputs is ~1-2 MB).</summary>
    public long MaxRecordBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest NDJSON batch accepted.</summary>
    public long MaxBatchBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Submissions per second allowed per signing key (token bucket, burst = one second's worth).</summary>
    public int RecordsPerSecondPerKey { get; set; } = 50_000;
}
