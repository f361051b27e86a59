using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tiles;

/// <summary>
/// RFC 6962 roots and proofs of a tree of <see cref="Size"/> leaves computed from its hash tiles alone, so a log need not
/// hold its tree: each perfect subtree of 2^l leaves is folded from at most 128 hashes of one tile (level l/8). One instance
/// serves one request: it remembers the tiles and nodes it computed, so the proofs of a whole batch share their work.
/// </summary>
public sealed class TiledTree(IHashTileSource source, ulong size)
{
    private readonly Dictionary<(int Level, ulong Index), byte[]> _tiles = [];
    private readonly Dictionary<(int Level, ulong Index), byte[]> _nodes = [];

    public ulong Size { get; } = size;

    /// <summary>The root of the perfect subtree of 2^<paramref name="level"/> leaves at <paramref name="index"/> (it must lie within the tree).</summary>
    public async ValueTask<byte[]> PerfectHashAsync(int level, ulong index, CancellationToken cancel = default)
    {
        if (level >= 64 || (index + 1) > (Size >> level))
            throw new ArgumentOutOfRangeException(nameof(index), $"a tree of {Size} leaves has no perfect subtree {index} of 2^{level} leaves");
        if (_nodes.TryGetValue((level, index), out var known)) return known;
        byte[] hash;
        if (level % TileMath.Height == 0)
        {
            var tileLevel = level / TileMath.Height;
            var tile = await TileAsync(tileLevel, index / TileMath.Width, cancel);
            hash = tile.AsSpan((int)(index % TileMath.Width) * MerkleHash.Size, MerkleHash.Size).ToArray();
        }
        else
        {
            var left = await PerfectHashAsync(level - 1, 2 * index, cancel);
            var right = await PerfectHashAsync(level - 1, 2 * index + 1, cancel);
            hash = MerkleHash.NodeHash(left, right);
        }
        _nodes[(level, index)] = hash;
        return hash;
    }

    private async ValueTask<byte[]> TileAsync(int level, ulong index, CancellationToken cancel)
    {
        if (_tiles.TryGetValue((level, index), out var tile)) return tile;
        var width = TileMath.WidthIn(level, index, Size);
        tile = await source.ReadHashTileAsync(level, index, width, cancel);
        if (tile.Length != width * MerkleHash.Size)
            throw new InvalidDataException($"hash tile {level}/{index} of a tree of {Size} leaves has {tile.Length} bytes, expected {width * MerkleHash.Size}");
        _tiles[(level, index)] = tile;
        return tile;
    }

    /// <summary>MTH(D[start:end]) for a valid subtree (start aligned to the largest power of two below end - start, as RFC 6962 splits).</summary>
    public async ValueTask<byte[]> SubtreeHashAsync(ulong start, ulong end, CancellationToken cancel = default)
    {
        if (end > Size || start > end) throw new ArgumentOutOfRangeException(nameof(end), $"[{start}, {end}) is not within a tree of {Size} leaves");
        if (start == end) return MerkleHash.EmptyRoot.ToArray();
        // Split into perfect subtrees, largest (leftmost) first, then fold from the right.
        var pieces = new List<byte[]>();
        while (start < end)
        {
            var count = end - start;
            var level = count == 1 ? 0 : 63 - System.Numerics.BitOperations.LeadingZeroCount(count);
            if ((start & ((1UL << level) - 1)) != 0) throw new ArgumentException($"[{start}, {end}) is not a valid subtree");
            pieces.Add(await PerfectHashAsync(level, start >> level, cancel));
            start += 1UL << level;
        }
        var hash = pieces[^1];
        for (var i = pieces.Count - 2; i >= 0; i--) hash = MerkleHash.NodeHash(pieces[i], hash);
        return hash;
    }

    public ValueTask<byte[]> RootAtAsync(ulong size, CancellationToken cancel = default) => SubtreeHashAsync(0, size, cancel);

    /// <summary>PATH(index, D[0:size]), bottom-up, as <see cref="MerkleTree.InclusionProof"/>.</summary>
    public async ValueTask<byte[][]> InclusionProofAsync(ulong index, ulong size, CancellationToken cancel = default)
    {
        if (size > Size) throw new ArgumentOutOfRangeException(nameof(size), size, $"the tree has only {Size} leaves");
        if (index >= size) throw new ArgumentOutOfRangeException(nameof(index), index, $"the leaf must be below size {size}");
        var siblings = new List<(ulong Start, ulong End)>();
        var (lo, hi) = (0UL, size);
        while (hi - lo > 1)
        {
            var mid = lo + Split(hi - lo);
            if (index < mid) { siblings.Add((mid, hi)); hi = mid; }
            else { siblings.Add((lo, mid)); lo = mid; }
        }
        return await HashesAsync(siblings, cancel);
    }

    /// <summary>PROOF(size1, D[0:size2]), as <see cref="MerkleTree.ConsistencyProof"/>.</summary>
    public async ValueTask<byte[][]> ConsistencyProofAsync(ulong size1, ulong size2, CancellationToken cancel = default)
    {
        if (size2 > Size) throw new ArgumentOutOfRangeException(nameof(size2), size2, $"the tree has only {Size} leaves");
        if (size1 > size2) throw new ArgumentOutOfRangeException(nameof(size1), size1, $"size1 must not exceed size2 ({size2})");
        if (size1 == 0 || size1 == size2) return [];
        var nodes = new List<(ulong Start, ulong End)>();
        var (lo, hi, oldRootIsNode) = (0UL, size2, true);
        while (size1 != hi)
        {
            var mid = lo + Split(hi - lo);
            if (size1 <= mid) { nodes.Add((mid, hi)); hi = mid; }
            else { nodes.Add((lo, mid)); lo = mid; oldRootIsNode = false; }
        }
        if (!oldRootIsNode) nodes.Add((lo, hi));
        return await HashesAsync(nodes, cancel);
    }

    // Collected top-down; proofs list them bottom-up.
    private async ValueTask<byte[][]> HashesAsync(List<(ulong Start, ulong End)> ranges, CancellationToken cancel)
    {
        var proof = new byte[ranges.Count][];
        for (var i = 0; i < ranges.Count; i++) proof[ranges.Count - 1 - i] = await SubtreeHashAsync(ranges[i].Start, ranges[i].End, cancel);
        return proof;
    }

    private static ulong Split(ulong n) => 1UL << (63 - System.Numerics.BitOperations.LeadingZeroCount(n - 1));
}
