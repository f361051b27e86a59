using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tiles;

/// <summary>
/// The right edge of a tree, all a log needs in memory to append and sign: for each tile level, the hashes of its last,
/// partial tile (fewer than 256; everything left of them is in full tiles, which never change and live in the store).
/// At most 255 hashes per level, so about 8 KiB per 256-fold of the size. Immutable: <see cref="Append"/> returns a new
/// edge, so readers holding an edge keep a consistent view while the next batch commits.
/// </summary>
public sealed class TreeEdge
{
    private readonly byte[][][] _rows;

    private TreeEdge(ulong size, byte[][][] rows)
    {
        Size = size;
        _rows = rows;
    }

    public static TreeEdge Empty { get; } = new(0, []);

    public ulong Size { get; }

    /// <summary>Levels that have a row (some may be empty when the size is a multiple of 256 there).</summary>
    public int Levels => _rows.Length;

    /// <summary>The hashes of the last (partial) tile at <paramref name="level"/>: (Size >> 8·level) mod 256 of them.</summary>
    public IReadOnlyList<byte[]> Row(int level) => level < _rows.Length ? _rows[level] : [];

    /// <summary>How many hashes the partial tile at <paramref name="level"/> holds in a tree of <paramref name="size"/>.</summary>
    public static int PartialWidth(int level, ulong size) => (int)(TileMath.HashesAt(level, size) % TileMath.Width);

    /// <summary>
    /// An edge from its rows as read from storage (row L: the hashes of the partial tile at level L, level 0 being leaf
    /// hashes); each must have <see cref="PartialWidth"/> hashes for <paramref name="size"/>.
    /// </summary>
    public static TreeEdge FromRows(ulong size, IReadOnlyList<IReadOnlyList<byte[]>> rows)
    {
        var levels = LevelsFor(size);
        if (rows.Count < levels) throw new ArgumentException($"a tree of {size} leaves needs {levels} rows, got {rows.Count}", nameof(rows));
        var copy = new byte[levels][][];
        for (var level = 0; level < levels; level++)
        {
            if (rows[level].Count != PartialWidth(level, size))
                throw new ArgumentException($"row {level} of a tree of {size} leaves has {PartialWidth(level, size)} hashes, got {rows[level].Count}", nameof(rows));
            copy[level] = [.. rows[level]];
        }
        return new TreeEdge(size, copy);
    }

    /// <summary>Tile levels a tree of <paramref name="size"/> has hashes at.</summary>
    public static int LevelsFor(ulong size)
    {
        var levels = 0;
        while (TileMath.HashesAt(levels, size) > 0) levels++;
        return levels;
    }

    /// <summary>
    /// This edge with <paramref name="leafHashes"/> appended; every tile hash completed on the way (the root of a full tile,
    /// which becomes a hash of the level above) is added to <paramref name="completed"/> for the store to keep.
    /// </summary>
    public TreeEdge Append(IEnumerable<byte[]> leafHashes, List<TreeHash> completed)
    {
        var rows = _rows.Select(r => new List<byte[]>(r)).ToList();
        var size = Size;
        foreach (var leaf in leafHashes)
        {
            size++;
            var hash = leaf;
            for (var level = 0; ; level++)
            {
                if (rows.Count == level) rows.Add([]);
                rows[level].Add(hash);
                if (rows[level].Count < TileMath.Width) break;
                // The tile just filled: its root is the next hash of the level above.
                hash = FoldPerfect(rows[level], 0, TileMath.Width);
                rows[level].Clear();
                completed.Add(new TreeHash(level + 1, TileMath.HashesAt(level + 1, size) - 1, hash));
            }
        }
        return new TreeEdge(size, rows.Select(r => r.ToArray()).ToArray());
    }

    /// <summary>The tree's root (RFC 6962 MTH of all leaves), from the edge alone.</summary>
    public byte[] Root()
    {
        if (Size == 0) return MerkleHash.EmptyRoot.ToArray();
        // The perfect subtrees of the tree, left to right, are the power-of-two runs of each row, higher rows first.
        byte[]? right = null;
        for (var level = 0; level < _rows.Length; level++)
        {
            var row = _rows[level];
            var end = row.Length;
            // Runs from the smallest (rightmost) up: the set bits of the row's width, lowest first.
            for (var bit = 0; bit < TileMath.Height; bit++)
            {
                if ((row.Length & (1 << bit)) == 0) continue;
                var start = end - (1 << bit);
                var peak = FoldPerfect(row, start, 1 << bit);
                right = right is null ? peak : MerkleHash.NodeHash(peak, right);
                end = start;
            }
        }
        return right!;
    }

    /// <summary>The root of the perfect subtree over <paramref name="count"/> (a power of two) hashes of one level from <paramref name="start"/>.</summary>
    public static byte[] FoldPerfect(IReadOnlyList<byte[]> hashes, int start, int count)
    {
        if (count == 1) return hashes[start];
        var layer = new byte[count / 2][];
        for (var i = 0; i < layer.Length; i++) layer[i] = MerkleHash.NodeHash(hashes[start + 2 * i], hashes[start + 2 * i + 1]);
        for (var width = layer.Length; width > 1; width /= 2)
            for (var i = 0; i < width / 2; i++) layer[i] = MerkleHash.NodeHash(layer[2 * i], layer[2 * i + 1]);
        return layer[0];
    }
}
