namespace LedgerCluster.Grains.Storage;

/// <summary>A checkpoint the shard signed: its size, root and the full signed note text.</summary>
public sealed record StoredCheckpoint(long Size, byte[] Root, string Note);
