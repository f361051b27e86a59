using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Core.Tests.Tiles;

public sealed class TilePathTests
{
    // The examples c2sp.org/tlog-tiles gives for the index encoding.
    [Theory]
    [InlineData(0UL, "000")]
    [InlineData(67UL, "067")]
    [InlineData(1000UL, "x001/000")]
    [InlineData(1234067UL, "x001/x234/067")]
    public void Index_is_written_in_three_digit_groups_with_x_prefixes(ulong index, string expected) =>
        Assert.Equal(expected, TilePath.FormatIndex(index));

    [Theory]
    [InlineData("0/x001/x234/067", 0, 1234067UL, 256, false)]
    [InlineData("2/000.p/7", 2, 0UL, 7, false)]
    [InlineData("entries/x001/x234/067.p/8", 0, 1234067UL, 8, true)]
    [InlineData("entries/005", 0, 5UL, 256, true)]
    public void Canonical_paths_parse_and_format_back(string path, int level, ulong index, int width, bool entries)
    {
        var tile = TilePath.TryParse(path, out var problem);
        Assert.True(tile is not null, problem);
        Assert.Equal(new TileAddress(level, index, width, entries), tile);
        Assert.Equal(path, TilePath.Format(tile!));
    }

    [Theory]
    [InlineData("0/1")]             // not three digits
    [InlineData("0/001/002")]       // a non-final group without x
    [InlineData("0/x000/001")]      // a second spelling of 001
    [InlineData("00/001")]          // a level with a leading zero
    [InlineData("64/001")]          // beyond the spec's levels
    [InlineData("0/001.p/256")]     // a full width spelled as partial
    [InlineData("0/001.p/0")]
    [InlineData("0/001.p/07")]
    [InlineData("data/001")]
    [InlineData("0")]
    [InlineData("0/x001")]
    public void Other_spellings_are_refused(string path) => Assert.Null(TilePath.TryParse(path, out _));

    [Fact]
    public void A_tree_has_full_tiles_and_at_most_one_partial_tile_per_level()
    {
        const ulong size = 70_000;
        Assert.Equal(256, TileMath.WidthIn(0, 272, size));
        Assert.Equal(70_000 - 273 * 256, TileMath.WidthIn(0, 273, size));
        Assert.Equal(0, TileMath.WidthIn(0, 274, size));
        // Level 1 holds the hashes of 256-leaf subtrees: 273 of them, a full tile and 17 in the partial one.
        Assert.Equal(256, TileMath.WidthIn(1, 0, size));
        Assert.Equal(17, TileMath.WidthIn(1, 1, size));
        Assert.Equal(1, TileMath.WidthIn(2, 0, size));   // one subtree of 65,536 leaves
        Assert.Equal(0, TileMath.WidthIn(3, 0, size));
    }

    [Fact]
    public void Hash_tiles_hold_the_subtree_hashes_of_their_level()
    {
        var tree = new MerkleTree();
        for (var i = 0; i < 600; i++) tree.AppendLeafData(BitConverter.GetBytes(i));
        var tile = TileContents.HashTile(tree, new TileAddress(0, 2, 600 - 512, false), 600);
        Assert.Equal(88 * MerkleHash.Size, tile.Length);
        Assert.Equal(tree.LeafHash(512), tile[..32]);
        Assert.Throws<ArgumentException>(() => TileContents.HashTile(tree, new TileAddress(0, 2, 87, false), 600));
        Assert.Equal(new byte[] { 0, 2, 7, 9, 0, 0 }, TileContents.EntryBundle([[7, 9], []]));
    }
}
