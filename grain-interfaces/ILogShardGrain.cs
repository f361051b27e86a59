using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// One RFC 6962 log. Appends are pooled into batches; each batch is persisted with its signed checkpoint
/// before any caller in it is answered. Key: the shard number.
/// </summary>
[Alias("ledger.ILogShardGrain")]
public interface ILogShardGrain : IGrainWithIntegerKey
{
    /// <summary>Appends verified records (duplicates return their existing entry); completes once durable.</summary>
    [Alias("Append")]
    Task<AppendResult[]> Append(LogAppend[] entries);

    [ReadOnly, Alias("GetInfo")]
    Task<ShardInfo> GetInfo();

    /// <summary>The latest signed checkpoint note (log signature plus any cosignatures).</summary>
    [ReadOnly, Alias("GetCheckpoint")]
    Task<string> GetCheckpoint();

    /// <summary>A checkpoint this shard signed, with witness cosignatures that meet the policy: it becomes the witnessed one.</summary>
    [Alias("Witnessed")]
    Task Witnessed(string cosignedCheckpoint);

    [ReadOnly, Alias("Find")]
    Task<LogPosition?> Find(string recordId);

    /// <summary>
    /// The record's inclusion proof against the latest checkpoint that meets the witness policy (the latest signed one when
    /// there is no policy, or when the record is not witnessed yet), or null if it is not in this shard.
    /// </summary>
    [ReadOnly, Alias("GetRecordProof")]
    Task<RecordProof?> GetRecordProof(string recordId);

    [ReadOnly, Alias("GetInclusionProof")]
    Task<byte[][]> GetInclusionProof(long index, long size);

    [ReadOnly, Alias("GetConsistencyProof")]
    Task<byte[][]> GetConsistencyProof(long fromSize, long toSize);

    /// <summary>
    /// A tlog-tiles hash tile (or, with <paramref name="entries"/>, entry bundle) of the signed tree, as served; null when the
    /// signed tree has no tile of that width (a partial width other than the current one, or beyond the signed size).
    /// </summary>
    [ReadOnly, Alias("GetTile")]
    Task<byte[]?> GetTile(int level, ulong index, int width, bool entries);
}
