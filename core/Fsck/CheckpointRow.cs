namespace LedgerCluster.Core.Fsck;

/// <summary>A stored checkpoint: the size and root kept beside the note (both must agree with it) and the signed note text.</summary>
public sealed record CheckpointRow(long Size, byte[] Root, string Note);
