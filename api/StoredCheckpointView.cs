namespace LedgerCluster.Api;

/// <summary>
/// A checkpoint a shard stored: its size, root (base64 on the wire) and the signed note, and when the shard signed it
/// (null for a checkpoint stored before signing times were kept): a witness or monitor reads the signing cadence from it.
/// </summary>
public sealed record StoredCheckpointView(long Size, byte[] Root, string Note, DateTimeOffset? SignedAt = null);
