using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Fsck;

/// <summary>
/// What a shard checks when it starts: its latest stored checkpoint against the tree it rebuilt from its leaves, with
/// fsck's checks (note, origin, signature under the shard key, stored columns, root), and that it covers exactly the
/// leaves (appends store both atomically). A shard that fails this must not serve, nor sign on top of it.
/// </summary>
public static class LatestCheckpointCheck
{
    public static FsckProblem? Check(ShardHead head, MerkleTree tree, CheckpointRow? latest) =>
        Check(head, (long)tree.Size, tree.Root, latest);

    /// <summary>
    /// The same check for a shard that does not hold its tree: <paramref name="leaves"/> is how many leaves the store holds
    /// and <paramref name="root"/> their root as recomputed from the stored right edge (asked only when the sizes agree).
    /// </summary>
    public static FsckProblem? Check(ShardHead head, long leaves, Func<byte[]> root, CheckpointRow? latest)
    {
        if (latest is null)
            return leaves == 0 ? null : new FsckProblem(head.Shard, FsckChecks.UnsignedLeaf, "no leaves (no checkpoint is signed)", $"{leaves} leaves", Index: 0);
        if (CheckpointCheck.CheckNote(head, latest.Size, latest.Note, out var checkpoint) is { } noteProblem) return noteProblem;
        if (CheckpointCheck.CheckRow(head.Shard, latest, checkpoint!) is { } rowProblem) return rowProblem;
        var size = (long)checkpoint!.Size;
        if (size > leaves)
            return new FsckProblem(head.Shard, FsckChecks.LeafMissing, $"leaf {leaves} (the signed checkpoint of size {size} covers it)", $"{leaves} leaves", Index: leaves);
        if (size < leaves)
            return new FsckProblem(head.Shard, FsckChecks.UnsignedLeaf, $"no leaf past the latest signed checkpoint (size {size})", $"{leaves} leaves", Index: size);
        return CheckpointCheck.CheckRoot(head.Shard, checkpoint, root());
    }
}
