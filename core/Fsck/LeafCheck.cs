using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;

namespace LedgerCluster.Core.Fsck;

/// <summary>One leaf in its place: the next index of its shard, a well-formed record id, routed to this shard.</summary>
public static class LeafCheck
{
    public static FsckProblem? Check(int shard, int shardCount, long expectedIndex, LeafRow leaf)
    {
        if (leaf.Index != expectedIndex)
            return new FsckProblem(shard, FsckChecks.LeafMissing, $"leaf {expectedIndex}", $"the next stored leaf is {leaf.Index}", Index: expectedIndex);
        if (!Hex.IsLowerHex(leaf.RecordId, 32))
            return new FsckProblem(shard, FsckChecks.RecordIdFormat, "a record id of 64 lowercase hex characters", Quote(leaf.RecordId), Index: leaf.Index);
        var routed = ShardRouter.ShardOf(leaf.RecordId, shardCount);
        if (routed != shard)
            return new FsckProblem(shard, FsckChecks.RecordRouting, $"a record routed to shard {shard}",
                $"{leaf.RecordId} routes to shard {routed} of {shardCount} (was the log served with another shard count?)", Index: leaf.Index);
        return null;
    }

    private static string Quote(string text) => $"'{(text.Length > 80 ? text[..80] + "…" : text)}' ({text.Length} characters)";
}
