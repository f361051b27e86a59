using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Core.Tests.Tiles;

/// <summary>Roots and proofs computed from tiles alone equal the in-memory <see cref="MerkleTree"/>'s, for many sizes.</summary>
public sealed class TiledTreeTests
{
    private static readonly MerkleTree Reference = TreeTiles.Tree(70_000);

    public static TheoryData<int> Sizes => new() { 1, 2, 3, 7, 8, 255, 256, 257, 511, 512, 600, 1000, 65_535, 65_536, 65_537, 66_000, 70_000 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Roots_and_inclusion_proofs_from_tiles_match_the_full_tree(int size)
    {
        var n = (ulong)size;
        var tiled = new TiledTree(new TreeTiles(Reference, n), n);
        foreach (var s in Probes(n))
        {
            Assert.Equal(Reference.RootAt(s), await tiled.RootAtAsync(s));
            foreach (var index in Probes(s))
                Assert.Equal(Reference.InclusionProof(index - 1, s), await tiled.InclusionProofAsync(index - 1, s));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Consistency_proofs_from_tiles_match_the_full_tree(int size)
    {
        var n = (ulong)size;
        var tiled = new TiledTree(new TreeTiles(Reference, n), n);
        foreach (var to in Probes(n))
            foreach (var from in Probes(to))
                Assert.Equal(Reference.ConsistencyProof(from, to), await tiled.ConsistencyProofAsync(from, to));
    }

    [Fact]
    public async Task Every_size_up_to_600_matches_exhaustively()
    {
        for (ulong n = 1; n <= 600; n++)
        {
            var tiled = new TiledTree(new TreeTiles(Reference, n), n);
            Assert.Equal(Reference.RootAt(n), await tiled.RootAtAsync(n));
            for (ulong i = 0; i < n; i += 1 + n / 17) Assert.Equal(Reference.InclusionProof(i, n), await tiled.InclusionProofAsync(i, n));
            for (ulong m = 1; m <= n; m += 1 + n / 13) Assert.Equal(Reference.ConsistencyProof(m, n), await tiled.ConsistencyProofAsync(m, n));
        }
    }

    [Fact]
    public async Task A_proof_reads_a_few_tiles_not_the_tree()
    {
        var source = new TreeTiles(Reference, 70_000);
        var tiled = new TiledTree(source, 70_000);
        await tiled.InclusionProofAsync(12_345, 70_000);
        // One tile per level on the leaf's path plus the partial tiles of the right edge.
        Assert.InRange(source.Reads, 1, 8);
    }

    [Fact]
    public async Task Outside_the_tree_is_refused()
    {
        var tiled = new TiledTree(new TreeTiles(Reference, 10), 10);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await tiled.InclusionProofAsync(10, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await tiled.RootAtAsync(11));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await tiled.ConsistencyProofAsync(3, 11));
    }

    // A spread of values in 1..n: the ends, powers of two around them and a few in between.
    private static IEnumerable<ulong> Probes(ulong n)
    {
        var set = new SortedSet<ulong> { 1, n };
        for (ulong p = 1; p <= n; p *= 2) { set.Add(p); if (p > 1) set.Add(p - 1); if (p + 1 <= n) set.Add(p + 1); }
        for (ulong k = 1; k < 8; k++) set.Add(Math.Max(1, n * k / 8));
        return set;
    }
}
