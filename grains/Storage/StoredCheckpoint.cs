namespace LedgerCluster.Grains.Storage;

/// <summary>
/// A checkpoint the shard signed: its size, root and the full signed note text, and when it was signed (null for a
/// checkpoint stored before signing times were kept): readiness and `/metrics` tell a shard that stopped signing by it.
/// </summary>
public sealed record StoredCheckpoint(long Size, byte[] Root, string Note, DateTimeOffset? SignedAt = null);
