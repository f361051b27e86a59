using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Core.Tests.Tiles;

/// <summary>The right edge alone gives the root at every size, and hands out exactly the tile hashes the store must keep.</summary>
public sealed class TreeEdgeTests
{
    [Fact]
    public void Appending_in_batches_keeps_the_root_and_emits_every_completed_tile_hash()
    {
        const int size = 70_000;
        var reference = TreeTiles.Tree(size);
        var edge = TreeEdge.Empty;
        var completed = new List<TreeHash>();
        var random = new Random(7);
        ulong n = 0;
        while (n < size)
        {
            var take = (ulong)Math.Min(size - (int)n, random.Next(1, 700));
            edge = edge.Append(Enumerable.Range((int)n, (int)take).Select(i => reference.LeafHash((ulong)i)), completed);
            n += take;
            Assert.Equal(n, edge.Size);
            Assert.Equal(reference.RootAt(n), edge.Root());
        }
        // One level-1 hash per 256 leaves, one level-2 hash per 65,536, each the root of its perfect subtree.
        Assert.Equal(size / 256 + size / 65_536, completed.Count);
        foreach (var hash in completed)
        {
            var span = 1UL << (8 * hash.Level);
            Assert.Equal(reference.SubtreeHash(hash.Index * span, (hash.Index + 1) * span), hash.Hash);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65_536)]
    [InlineData(69_999)]
    public void An_edge_rebuilt_from_its_stored_rows_continues_like_the_original(int size)
    {
        var reference = TreeTiles.Tree(size + 300);
        var n = (ulong)size;
        var rows = new List<IReadOnlyList<byte[]>>();
        for (var level = 0; level < TreeEdge.LevelsFor(n); level++)
        {
            var width = TreeEdge.PartialWidth(level, n);
            var span = 1UL << (8 * level);
            var first = TileMath.HashesAt(level, n) - (ulong)width;
            rows.Add(Enumerable.Range(0, width).Select(i => reference.SubtreeHash((first + (ulong)i) * span, (first + (ulong)i + 1) * span)).ToList());
        }
        var edge = TreeEdge.FromRows(n, rows);
        Assert.Equal(reference.RootAt(n), edge.Root());
        var more = edge.Append(Enumerable.Range(size, 300).Select(i => reference.LeafHash((ulong)i)), []);
        Assert.Equal(reference.Root(), more.Root());
        Assert.Throws<ArgumentException>(() => TreeEdge.FromRows(n + 1, rows));
    }
}
