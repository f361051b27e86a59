namespace LedgerCluster.Silo.Gateway;

/// <summary>Limits of the HTTP gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>The default record limit: a run over a large benchmark with chain-of-thought outputs is tens of MB (14,000 items of ~2 KB is ~30 MB).</summary>
    public const long DefaultMaxRecordBytes = 64L * 1024 * 1024;

    /// <summary>The largest limit an operator may set: a record is held in one array, and crosses silos in one grain message.</summary>
    public const long LargestMaxRecordBytes = 1024L * 1024 * 1024;

    /// <summary>
    /// Largest record accepted, on every route (a full GSM8K run with outputs is ~1-2 MB). A batch as a whole has no limit: it is read a line at a time, each line held to this one.
    /// </summary>
    public long MaxRecordBytes { get; set; } = DefaultMaxRecordBytes;

    /// <summary>
    /// Longest a shard may go without signing a checkpoint while entries wait to be signed before the node is not ready
    /// (`ledger serve --max-checkpoint-age`). A shard signs within one batch commit of an append, so a minute is already an outage.
    /// </summary>
    public TimeSpan MaxCheckpointAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Submissions per second allowed per signing key (token bucket, burst = one second's worth).</summary>
    public int RecordsPerSecondPerKey { get; set; } = 50_000;
}
