using System.Security.Cryptography;

namespace LedgerCluster.Core.Tests.Merkle;

/// <summary>
/// The slow, obviously-correct recursive definitions of RFC 6962 §2.1 (MTH, PATH, PROOF/SUBPROOF) and the
/// subtree proof of draft-ietf-plants-merkle-tree-certs, over a list of leaf hashes. It hashes with SHA-256
/// directly, not through the code under test.
/// </summary>
public static class ReferenceTree
{
    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>MTH(D[n]) where the leaves are given by their leaf hashes (MTH({d}) = LH(d)).</summary>
    public static byte[] Mth(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 0) return SHA256.HashData([]);
        if (leaves.Length == 1) return leaves[0];
        var k = SplitPoint(leaves.Length);
        return NodeHash(Mth(leaves[..k]), Mth(leaves[k..]));
    }

    /// <summary>PATH(m, D[n]), bottom-up.</summary>
    public static List<byte[]> Path(int m, ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length <= 1) return [];
        var k = SplitPoint(leaves.Length);
        return m < k
            ? [.. Path(m, leaves[..k]), Mth(leaves[k..])]
            : [.. Path(m - k, leaves[k..]), Mth(leaves[..k])];
    }

    /// <summary>For each element of PATH(m, D[n]), bottom-up: true when the sibling sits to the right of the path.</summary>
    public static List<bool> PathSides(int m, int n)
    {
        if (n <= 1) return [];
        var k = SplitPoint(n);
        return m < k ? [.. PathSides(m, k), true] : [.. PathSides(m - k, n - k), false];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 &lt; m &lt;= n.</summary>
    public static List<byte[]> Proof(int m, ReadOnlySpan<byte[]> leaves) => SubProof(m, leaves, true);

    private static List<byte[]> SubProof(int m, ReadOnlySpan<byte[]> leaves, bool b)
    {
        if (m == leaves.Length) return b ? [] : [Mth(leaves)];
        var k = SplitPoint(leaves.Length);
        return m <= k
            ? [.. SubProof(m, leaves[..k], b), Mth(leaves[k..])]
            : [.. SubProof(m - k, leaves[k..], false), Mth(leaves[..k])];
    }

    /// <summary>SUBTREE_PROOF(start, end, D[n]) of the MTC draft, for a valid non-empty subtree with end &lt;= n.</summary>
    public static List<byte[]> SubtreeProof(int start, int end, ReadOnlySpan<byte[]> leaves) => SubtreeSubProof(start, end, leaves, true);

    private static List<byte[]> SubtreeSubProof(int start, int end, ReadOnlySpan<byte[]> leaves, bool knownHash)
    {
        if (start == 0 && end == leaves.Length) return knownHash ? [] : [Mth(leaves)];
        var k = SplitPoint(leaves.Length);
        if (end <= k) return [.. SubtreeSubProof(start, end, leaves[..k], knownHash), Mth(leaves[k..])];
        if (start >= k) return [.. SubtreeSubProof(start - k, end - k, leaves[k..], knownHash), Mth(leaves[..k])];
        // The subtree straddles k, so it starts at 0 and its hash is no longer a node of the walk.
        return [.. SubtreeSubProof(0, end - k, leaves[k..], false), Mth(leaves[..k])];
    }

    // The largest power of two strictly below n (n >= 2), found the slow way.
    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k * 2 < n) k *= 2;
        return k;
    }
}
