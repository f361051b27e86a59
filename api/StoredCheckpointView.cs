namespace LedgerCluster.Api;

/// <summary>A checkpoint a shard stored: its size, root (base64 on the wire) and the signed note.</summary>
public sealed record StoredCheckpointView(long Size, byte[] Root, string Note);
