namespace LedgerCluster.Core.Merkle;

/// <summary>
/// RFC 9162 §2.1.3.2 / §2.1.4.2 proof verification, plus subtree proofs (draft-ietf-plants-merkle-tree-certs,
/// "Subtrees"). Every input is treated as hostile: the methods return false, never throw.
/// </summary>
/// <remarks>
/// Roots are compared byte-for-byte as opaque strings (a root of the wrong length simply does not match).
/// Every value that gets hashed into a node (the leaf hash, proof elements, a root that seeds a proof) must be
/// 32 bytes; anything else fails, since no honest tree hashes it.
/// </remarks>
public static class MerkleVerifier
{
    /// <summary>True when <paramref name="proof"/> shows the leaf at <paramref name="index"/> is in the tree of <paramref name="size"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        Span<byte> computed = stackalloc byte[MerkleHash.Size];
        return TryRootFromInclusionProof(index, size, leafHash, proof, computed) && computed.SequenceEqual(root);
    }

    /// <summary>The root an inclusion proof implies, or null when the proof is malformed for (index, size).</summary>
    public static byte[]? RootFromInclusionProof(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        var root = new byte[MerkleHash.Size];
        return TryRootFromInclusionProof(index, size, leafHash, proof, root) ? root : null;
    }

    /// <summary>
    /// True when <paramref name="proof"/> shows the tree of <paramref name="size1"/> leaves with <paramref name="root1"/> is a prefix
    /// of the tree of <paramref name="size2"/> leaves with <paramref name="root2"/>. A proof from the empty tree always fails; equal
    /// sizes need an empty proof and equal roots.
    /// </summary>
    public static bool VerifyConsistency(ulong size1, ulong size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (proof is null || size2 < size1 || size1 == 0) return false;
        if (size1 == size2) return proof.Count == 0 && root1.SequenceEqual(root2);
        // RFC 9162 §2.1.4.2 step 1.
        if (proof.Count == 0) return false;
        // Step 2: a power-of-two old tree is itself a node of the new tree, so the proof leaves it out.
        var next = 0;
        var seed = ulong.IsPow2(size1) ? root1 : proof[next++];
        if (!IsHash(seed)) return false;
        // Steps 3-4.
        var (fn, sn) = (size1 - 1, size2 - 1);
        while ((fn & 1) == 1) (fn, sn) = (fn >> 1, sn >> 1);
        // Step 5.
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        seed.CopyTo(fr);
        seed.CopyTo(sr);
        // Step 6.
        for (; next < proof.Count; next++)
        {
            var c = proof[next];
            if (sn == 0 || !IsHash(c)) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeHash(c, fr, fr);
                MerkleHash.NodeHash(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0) (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                MerkleHash.NodeHash(sr, c, sr);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        // Step 7.
        return sn == 0 && fr.SequenceEqual(root1) && sr.SequenceEqual(root2);
    }

    /// <summary>
    /// True when [start, end) is a subtree: start &lt;= end, and start is 0, equal to end, or a multiple of
    /// BIT_CEIL(end - start). BIT_CEIL needs 65 bits when end - start > 2^63, so it is computed as UInt128.
    /// </summary>
    public static bool IsValidSubtree(ulong start, ulong end) =>
        start <= end && (start == 0 || start == end || start % TreeMath.BitCeil(end - start) == 0);

    /// <summary>Inclusion of the leaf at absolute index <paramref name="leafIndex"/> in the subtree [start, end) whose hash is <paramref name="root"/>.</summary>
    public static bool VerifySubtreeInclusion(ulong leafIndex, ulong start, ulong end, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root) =>
        IsValidSubtree(start, end) && start <= leafIndex && leafIndex < end
        && VerifyInclusion(leafIndex - start, end - start, leafHash, proof, root);

    /// <summary>
    /// True when <paramref name="proof"/> shows the subtree [start, end) with hash <paramref name="root1"/> is part of the tree of
    /// <paramref name="size"/> leaves with <paramref name="root2"/>. With start == 0 this is an RFC 9162 consistency proof.
    /// </summary>
    public static bool VerifySubtreeConsistency(ulong start, ulong end, ulong size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (proof is null) return false;
        // An empty subtree is part of every tree that reaches its position; the tree's root plays no part.
        if (start == end) return end <= size && proof.Count == 0 && root1.SequenceEqual(MerkleHash.EmptyRoot);
        if (!IsValidSubtree(start, end) || end > size) return false;
        if (start == 0 && end == size) return proof.Count == 0 && root1.SequenceEqual(root2);
        if (proof.Count == 0) return false;
        // The draft's procedure: fn, sn, tn are the paths to the subtree's first and last leaf and the tree's last leaf.
        var (fn, sn, tn) = (start, end - 1, size - 1);
        // Climb to the lowest level where the proof starts: the subtree's root when it sits on the tree's
        // right edge, otherwise the highest perfect node ending at the subtree's last leaf.
        if (sn == tn)
            while (fn != sn) (fn, sn, tn) = (fn >> 1, sn >> 1, tn >> 1);
        else
            while (fn != sn && (sn & 1) == 1) (fn, sn, tn) = (fn >> 1, sn >> 1, tn >> 1);
        // When that node is the subtree itself, the proof leaves its hash out.
        var next = 0;
        var seed = fn == sn ? root1 : proof[next++];
        if (!IsHash(seed)) return false;
        Span<byte> nodeHash = stackalloc byte[MerkleHash.Size];
        Span<byte> rootHash = stackalloc byte[MerkleHash.Size];
        seed.CopyTo(nodeHash);
        seed.CopyTo(rootHash);
        for (; next < proof.Count; next++)
        {
            var p = proof[next];
            if (tn == 0 || !IsHash(p)) return false;
            if ((sn & 1) == 1 || sn == tn)
            {
                // Left siblings below the subtree's root also rebuild the subtree hash.
                if (fn < sn) MerkleHash.NodeHash(p, nodeHash, nodeHash);
                MerkleHash.NodeHash(p, rootHash, rootHash);
                while ((sn & 1) == 0) (fn, sn, tn) = (fn >> 1, sn >> 1, tn >> 1);
            }
            else
            {
                MerkleHash.NodeHash(rootHash, p, rootHash);
            }
            (fn, sn, tn) = (fn >> 1, sn >> 1, tn >> 1);
        }
        return tn == 0 && nodeHash.SequenceEqual(root1) && rootHash.SequenceEqual(root2);
    }

    // RFC 9162 §2.1.3.2 up to the final comparison: writes the implied root, or returns false.
    private static bool TryRootFromInclusionProof(ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, Span<byte> root)
    {
        // Step 1, plus the 32-byte rule: an empty leaf hash with an empty proof would otherwise "reproduce" an empty root.
        if (proof is null || index >= size || leafHash.Length != MerkleHash.Size) return false;
        // Steps 2-3.
        var (fn, sn) = (index, size - 1);
        leafHash.CopyTo(root);
        // Step 4.
        for (var i = 0; i < proof.Count; i++)
        {
            var p = proof[i];
            if (sn == 0 || !IsHash(p)) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeHash(p, root, root);
                while ((fn & 1) == 0 && fn != 0) (fn, sn) = (fn >> 1, sn >> 1);
            }
            else
            {
                MerkleHash.NodeHash(root, p, root);
            }
            (fn, sn) = (fn >> 1, sn >> 1);
        }
        // Step 5: the path must end exactly at the root (the check that binds the tree size).
        return sn == 0;
    }

    private static bool IsHash(ReadOnlySpan<byte> value) => value.Length == MerkleHash.Size;
}
