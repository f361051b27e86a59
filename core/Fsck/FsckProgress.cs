namespace LedgerCluster.Core.Fsck;

/// <summary>Leaves checked so far out of the leaves the signed checkpoints cover.</summary>
public sealed record FsckProgress(long Done, long Total);
