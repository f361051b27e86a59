using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Fsck;

/// <summary>
/// `ledger fsck --data`, after the leaves and checkpoints: the tile hashes the store keeps (proofs and tiles are served
/// from them) must each be the root of the leaves under it. One pass over each shard's record ids, memory bounded by the
/// right edge.
/// </summary>
public static class TreeHashCheck
{
    private const int Page = 4096;

    public static async Task<FsckProblem?> CheckAsync(ILogStore store, int shardCount, CancellationToken cancel = default)
    {
        for (var shard = 0; shard < shardCount; shard++)
        {
            var edge = TreeEdge.Empty;
            while (true)
            {
                var leaves = await store.ReadLeavesAsync(shard, (long)edge.Size, Page, cancel);
                if (leaves.Count == 0) break;
                var completed = new List<TreeHash>();
                edge = edge.Append(leaves.Select(l => MerkleHash.LeafHash(l.RecordId)), completed);
                foreach (var level in completed.GroupBy(h => h.Level))
                {
                    var first = level.First().Index;
                    var stored = await store.ReadTreeHashesAsync(shard, level.Key, (long)first, level.Count(), cancel);
                    var i = 0;
                    foreach (var hash in level)
                    {
                        var leaf = (long)(hash.Index << (8 * hash.Level));
                        var expected = $"tree hash {hash.Level}/{hash.Index} {Convert.ToBase64String(hash.Hash)} (recomputed from the leaves)";
                        if (i >= stored.Count) return new FsckProblem(shard, FsckChecks.TreeHash, expected, "none stored", Index: leaf);
                        if (!stored[i].AsSpan().SequenceEqual(hash.Hash))
                            return new FsckProblem(shard, FsckChecks.TreeHash, expected, $"stored {Convert.ToBase64String(stored[i])}", Index: leaf);
                        i++;
                    }
                }
                if (leaves.Count < Page) break;
            }
        }
        return null;
    }
}
