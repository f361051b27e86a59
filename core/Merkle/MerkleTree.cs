using System.Numerics;

namespace LedgerCluster.Core.Merkle;

/// <summary>
/// An append-only RFC 6962 / RFC 9162 Merkle tree in memory. Level j stores the hash of every perfect
/// subtree of 2^j leaves completed so far, so an append costs at most log2(n) node hashes, and roots and
/// proofs for any earlier size are assembled from stored hashes in O(log n) (at most one ragged
/// right-edge node per proof needs hashing). Memory is about 64 bytes per leaf.
/// </summary>
/// <remarks>
/// Not thread-safe: there must be no reader while a writer appends. Callers that share a tree across
/// threads (for example a grain serving proofs while it ingests) must serialize access themselves.
/// </remarks>
public sealed class MerkleTree
{
    // The deepest RFC 6962 path in a tree of at most 2^64 - 1 leaves, plus the one extra node a
    // consistency proof may carry.
    private const int MaxProofLength = 65;

    private readonly List<HashLevel> _levels = [new()];

    /// <summary>Number of leaves.</summary>
    public ulong Size => _levels[0].Count;

    /// <summary>Rebuilds a tree from stored leaf hashes (each 32 bytes), in log order.</summary>
    public static MerkleTree FromLeafHashes(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var tree = new MerkleTree();
        foreach (var leafHash in leafHashes)
        {
            ArgumentNullException.ThrowIfNull(leafHash, nameof(leafHashes));
            tree.Append(leafHash);
        }
        return tree;
    }

    /// <summary>Appends a leaf by its 32-byte leaf hash; returns the leaf's index.</summary>
    public ulong Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Size)
            throw new ArgumentException($"a leaf hash is {MerkleHash.Size} bytes, got {leafHash.Length}", nameof(leafHash));
        var index = Size;
        _levels[0].Add(leafHash);
        // Every trailing one bit of the new index closes a perfect subtree one level up.
        Span<byte> node = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(node);
        for (int level = 0; ((index >> level) & 1) == 1; level++)
        {
            MerkleHash.NodeHash(_levels[level][(index >> level) - 1], node, node);
            if (level + 1 == _levels.Count) _levels.Add(new HashLevel());
            _levels[level + 1].Add(node);
        }
        return index;
    }

    /// <summary>Appends a leaf by its data (hashed as SHA-256(0x00 || data)); returns the leaf's index.</summary>
    public ulong AppendLeafData(ReadOnlySpan<byte> data)
    {
        Span<byte> leafHash = stackalloc byte[MerkleHash.Size];
        MerkleHash.LeafHash(data, leafHash);
        return Append(leafHash);
    }

    /// <summary>MTH of the whole tree (the empty-tree hash when there are no leaves).</summary>
    public byte[] Root() => RootAt(Size);

    /// <summary>MTH(D[0:size]) for any size up to <see cref="Size"/>.</summary>
    public byte[] RootAt(ulong size)
    {
        CheckSize(size, nameof(size));
        return SubtreeHashUnchecked(0, size);
    }

    /// <summary>The stored leaf hash at <paramref name="index"/>.</summary>
    public byte[] LeafHash(ulong index)
    {
        if (index >= Size) throw new ArgumentOutOfRangeException(nameof(index), index, $"the tree has {Size} leaves");
        return _levels[0][index].ToArray();
    }

    /// <summary>
    /// MTH(D[start:end]) of a valid subtree (see <see cref="MerkleVerifier.IsValidSubtree"/>) with end &lt;= Size;
    /// the empty-tree hash when start == end.
    /// </summary>
    public byte[] SubtreeHash(ulong start, ulong end)
    {
        if (!MerkleVerifier.IsValidSubtree(start, end))
            throw new ArgumentException($"[{start}, {end}) is not a valid subtree");
        CheckSize(end, nameof(end));
        return SubtreeHashUnchecked(start, end);
    }

    /// <summary>PATH(index, D[0:size]) of RFC 6962 §2.1.1 / RFC 9162 §2.1.3.1, ordered bottom-up.</summary>
    public byte[][] InclusionProof(ulong index, ulong size)
    {
        CheckSize(size, nameof(size));
        if (index >= size) throw new ArgumentOutOfRangeException(nameof(index), index, $"the leaf must be below size {size}");
        // Walk down from the root, keeping the half that holds the leaf and recording the other half.
        Span<(ulong Start, ulong End)> siblings = stackalloc (ulong, ulong)[MaxProofLength];
        var count = 0;
        var (lo, hi) = (0UL, size);
        while (hi - lo > 1)
        {
            var mid = lo + TreeMath.SplitPoint(hi - lo);
            if (index < mid) { siblings[count++] = (mid, hi); hi = mid; }
            else { siblings[count++] = (lo, mid); lo = mid; }
        }
        return ToProof(siblings[..count]);
    }

    /// <summary>
    /// PROOF(size1, D[0:size2]) of RFC 6962 §2.1.2 / RFC 9162 §2.1.4.1. Empty when size1 == size2, and when
    /// size1 == 0 (nothing to prove; <see cref="MerkleVerifier.VerifyConsistency"/> rejects that case).
    /// </summary>
    public byte[][] ConsistencyProof(ulong size1, ulong size2)
    {
        CheckSize(size2, nameof(size2));
        if (size1 > size2) throw new ArgumentOutOfRangeException(nameof(size1), size1, $"size1 must not exceed size2 ({size2})");
        if (size1 == 0 || size1 == size2) return [];
        // SUBPROOF(m, D[lo:hi], b) walked from the root; b stays true while the old tree is a prefix node of the walk.
        Span<(ulong Start, ulong End)> nodes = stackalloc (ulong, ulong)[MaxProofLength];
        var count = 0;
        var (lo, hi, oldRootIsNode) = (0UL, size2, true);
        while (size1 != hi)
        {
            var mid = lo + TreeMath.SplitPoint(hi - lo);
            if (size1 <= mid) { nodes[count++] = (mid, hi); hi = mid; }
            else { nodes[count++] = (lo, mid); lo = mid; oldRootIsNode = false; }
        }
        // The walk ends on a node of both trees; the verifier already knows it only when it is the old root.
        if (!oldRootIsNode) nodes[count++] = (lo, hi);
        return ToProof(nodes[..count]);
    }

    private void CheckSize(ulong size, string name)
    {
        if (size > Size) throw new ArgumentOutOfRangeException(name, size, $"the tree has only {Size} leaves");
    }

    // Ranges arrive top-down; proofs are bottom-up.
    private byte[][] ToProof(ReadOnlySpan<(ulong Start, ulong End)> topDown)
    {
        var proof = new byte[topDown.Length][];
        for (var i = 0; i < topDown.Length; i++)
            proof[topDown.Length - 1 - i] = SubtreeHashUnchecked(topDown[i].Start, topDown[i].End);
        return proof;
    }

    private byte[] SubtreeHashUnchecked(ulong start, ulong end)
    {
        var hash = new byte[MerkleHash.Size];
        WriteSubtreeHash(start, end, hash);
        return hash;
    }

    // A valid subtree [start, end) is a run of stored perfect subtrees whose sizes are the set bits of
    // end - start, largest first. Folding them right to left is exactly MTH's split at the largest power of two.
    private void WriteSubtreeHash(ulong start, ulong end, Span<byte> destination)
    {
        if (start == end)
        {
            MerkleHash.EmptyRoot.CopyTo(destination);
            return;
        }
        var rest = end - start;
        var level = BitOperations.TrailingZeroCount(rest);
        rest -= 1UL << level;
        _levels[level][(start + rest) >> level].CopyTo(destination);
        while (rest != 0)
        {
            level = BitOperations.TrailingZeroCount(rest);
            rest -= 1UL << level;
            MerkleHash.NodeHash(_levels[level][(start + rest) >> level], destination, destination);
        }
    }
}
