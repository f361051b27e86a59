using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Log;

/// <summary>
/// What a shard reads to resume, a bounded amount whatever the log's size: the stored head (leaf count, latest checkpoint)
/// and the right edge (the last partial tile of each level: record ids at level 0, kept tree hashes above).
/// <see cref="Missing"/> names a leaf or tree hash the edge needs that the store lacks.
/// </summary>
public sealed record ShardResume(StoredHead Head, TreeEdge Edge, FsckProblem? Missing)
{
    public static async Task<ShardResume> LoadAsync(ILogStore store, int shard, CancellationToken cancel = default)
    {
        var head = await store.LoadHeadAsync(shard, cancel);
        var n = (ulong)head.Size;
        var rows = new List<IReadOnlyList<byte[]>>();
        for (var level = 0; level < TreeEdge.LevelsFor(n); level++)
        {
            var width = TreeEdge.PartialWidth(level, n);
            var first = (long)(TileMath.HashesAt(level, n) - (ulong)width);
            if (level == 0)
            {
                var leaves = await store.ReadLeavesAsync(shard, first, width, cancel);
                for (var i = 0; i < width; i++)
                    if (i >= leaves.Count || leaves[i].Index != first + i)
                        return new ShardResume(head, TreeEdge.Empty, new FsckProblem(shard, FsckChecks.LeafMissing, $"leaf {first + i}", $"{head.Size} leaves by the last index", Index: first + i));
                rows.Add(leaves.Select(l => MerkleHash.LeafHash(l.RecordId)).ToList());
            }
            else
            {
                var hashes = width == 0 ? [] : await store.ReadTreeHashesAsync(shard, level, first, width, cancel);
                if (hashes.Count != width)
                    return new ShardResume(head, TreeEdge.Empty, new FsckProblem(shard, FsckChecks.LeafMissing, $"tree hash {level}/{first + hashes.Count} (kept with the leaves)",
                        $"{hashes.Count} of {width}", Index: (first + hashes.Count) << (8 * level)));
                rows.Add(hashes);
            }
        }
        return new ShardResume(head, TreeEdge.FromRows(n, rows), null);
    }
}
