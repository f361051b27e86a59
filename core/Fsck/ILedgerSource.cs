namespace LedgerCluster.Core.Fsck;

/// <summary>
/// What `ledger fsck` reads a log from: the store itself (offline) or a gateway. The checks are the same for
/// both; a source only says what it holds, never whether it is right.
/// </summary>
public interface ILedgerSource
{
    /// <summary>Names the source in reports, e.g. the store path or the gateway URL.</summary>
    string Description { get; }

    /// <summary>How many leaves to ask for at once (smaller when each leaf carries its record's JSON).</summary>
    int PageSize { get; }

    /// <summary>Every shard of the log, in shard order.</summary>
    Task<IReadOnlyList<ShardHead>> GetShardsAsync(CancellationToken cancel = default);

    /// <summary>Every checkpoint the shard stored, smallest size first.</summary>
    Task<IReadOnlyList<CheckpointRow>> GetCheckpointsAsync(int shard, CancellationToken cancel = default);

    /// <summary>Up to <paramref name="count"/> leaves from <paramref name="fromIndex"/>, in index order (gaps show as skipped indexes).</summary>
    Task<IReadOnlyList<LeafRow>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default);

    /// <summary>
    /// The consistency proof the source serves between two sizes, or null when it serves none; fsck then derives it
    /// from the leaves it read, which proves nothing new but keeps one code path.
    /// </summary>
    Task<byte[][]?> GetConsistencyProofAsync(int shard, long fromSize, long toSize, CancellationToken cancel = default);
}
