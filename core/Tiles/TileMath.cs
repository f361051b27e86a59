namespace LedgerCluster.Core.Tiles;

/// <summary>
/// Which tiles a tree of a given size has (c2sp.org/tlog-tiles, tile height 8): a hash tile at level L holds the
/// hashes of the tree's perfect subtrees of 2^(8L) leaves, 256 per tile; the last tile of a level is partial.
/// </summary>
public static class TileMath
{
    public const int Height = 8;
    public const int Width = 1 << Height;

    /// <summary>How many level-<paramref name="level"/> hashes (perfect subtrees of 2^(8·level) leaves) a tree of this size has.</summary>
    public static ulong HashesAt(int level, ulong treeSize) => level * Height >= 64 ? 0 : treeSize >> (level * Height);

    /// <summary>
    /// The width tile <paramref name="index"/> at <paramref name="level"/> has in a tree of <paramref name="treeSize"/>:
    /// 256 when full, 1..255 for the partial last one, 0 when the tree has no such tile.
    /// Entry bundles have the widths of level-0 tiles.
    /// </summary>
    public static int WidthIn(int level, ulong index, ulong treeSize)
    {
        var hashes = HashesAt(level, treeSize);
        if (index > ulong.MaxValue / Width || hashes <= index * Width) return 0;
        return (int)Math.Min((ulong)Width, hashes - index * Width);
    }

    /// <summary>True when the tree of this size has the tile exactly as addressed (a partial one only at its current width).</summary>
    public static bool Exists(TileAddress tile, ulong treeSize) =>
        WidthIn(tile.IsEntries ? 0 : tile.Level, tile.Index, treeSize) == tile.Width;
}
