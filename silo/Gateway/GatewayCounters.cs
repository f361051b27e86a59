namespace LedgerCluster.Silo.Gateway;

/// <summary>What this gateway has taken in since it started, for `GET /metrics` (one instance per silo).</summary>
public sealed class GatewayCounters
{
    private long _acknowledged, _refused, _batches, _batchRecords;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);
    public long Refused => Interlocked.Read(ref _refused);
    public long Batches => Interlocked.Read(ref _batches);
    public long BatchRecords => Interlocked.Read(ref _batchRecords);

    /// <summary>Records answered 200 or 202 (newly logged or already in the log).</summary>
    public void Acknowledge(int records) => Interlocked.Add(ref _acknowledged, records);

    /// <summary>Records refused with a 4xx (malformed, failed checks, over the rate).</summary>
    public void Refuse(int records) => Interlocked.Add(ref _refused, records);

    public void Batch(int records)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _batchRecords, records);
    }
}
