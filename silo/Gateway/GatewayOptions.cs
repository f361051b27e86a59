namespace LedgerCluster.Silo.Gateway;

/// <summary>Limits of the HTTP gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>
    /// Largest record accepted, on every route (a full GSM8K run with outputs is ~1-2 MB). A batch as a whole has no limit: it is read a line at a time, each line held to this one.
    /// </summary>
    public long MaxRecordBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Submissions per second allowed per signing key (token bucket, burst = one second's worth).</summary>
    public int RecordsPerSecondPerKey { get; set; } = 50_000;
}
