using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// A checkpoint the shard signed: its size, root and the full signed note text, and when it was signed (null for a
/// checkpoint stored before signing times were kept): readiness and `/metrics` tell a shard that stopped signing by it.
/// </summary>
public sealed record StoredCheckpoint(long Size, byte[] Root, string Note, DateTimeOffset? SignedAt = null)
{
    /// <summary>
    /// The tile hashes (level >= 1) the append carrying this checkpoint completed: a store that keeps them does so in the
    /// same atomic write, so proofs and tiles are read from them instead of from every leaf. Empty on reads.
    /// </summary>
    public IReadOnlyList<TreeHash> TreeHashes { get; init; } = [];
}
