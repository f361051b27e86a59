using FsCheck.Xunit;
using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tests.Merkle;

/// <summary>The incremental tree and the verifier against the recursive RFC 6962 reference, on random trees.</summary>
public sealed class MerkleTreePropertyTests
{
    // FsCheck draws integers in [0, size], with size growing to EndSize over the run; EndSize well above
    // MaxLeaves spreads the tree sizes (taken modulo MaxLeaves) over the whole range.
    private const int MaxLeaves = 3000;
    private const int EndSize = 10_000;

    [Property]
    public void RootAfterEveryAppendMatchesReference(byte count, uint seed)
    {
        var leaves = TestLeaves.Make(count % 100, seed);
        var tree = new MerkleTree();
        Assert.Equal(ReferenceTree.Mth([]), tree.Root());
        for (var i = 0; i < leaves.Length; i++)
        {
            tree.Append(leaves[i]);
            Assert.Equal(ReferenceTree.Mth(leaves.AsSpan(0, i + 1)), tree.Root());
        }
        for (var size = 0; size <= leaves.Length; size++)
            Assert.Equal(ReferenceTree.Mth(leaves.AsSpan(0, size)), tree.RootAt((ulong)size));
    }

    [Property(EndSize = EndSize)]
    public void RootAtMatchesReferenceOnLargeTrees(ushort count, ushort size, uint seed)
    {
        var leaves = TestLeaves.Make(1 + count % MaxLeaves, seed);
        var tree = MerkleTree.FromLeafHashes(leaves);
        var s = size % (leaves.Length + 1);
        Assert.Equal(ReferenceTree.Mth(leaves), tree.Root());
        Assert.Equal(ReferenceTree.Mth(leaves.AsSpan(0, s)), tree.RootAt((ulong)s));
    }

    [Property(EndSize = EndSize)]
    public void InclusionProofsMatchReferenceAndVerify(ushort count, ushort size, ushort index, uint seed)
    {
        var leaves = TestLeaves.Make(1 + count % MaxLeaves, seed);
        var tree = MerkleTree.FromLeafHashes(leaves);
        var n = 1 + size % leaves.Length;
        var i = index % n;
        var proof = tree.InclusionProof((ulong)i, (ulong)n);
        var root = ReferenceTree.Mth(leaves.AsSpan(0, n));

        Assert.Equal(ReferenceTree.Path(i, leaves.AsSpan(0, n)), proof);
        Assert.True(MerkleVerifier.VerifyInclusion((ulong)i, (ulong)n, leaves[i], proof, root));
        Assert.Equal(root, MerkleVerifier.RootFromInclusionProof((ulong)i, (ulong)n, leaves[i], proof));
    }

    [Property(EndSize = EndSize)]
    public void TamperedInclusionProofsFail(ushort count, ushort size, ushort index, uint seed, ushort choice)
    {
        var leaves = TestLeaves.Make(1 + count % MaxLeaves, seed);
        var tree = MerkleTree.FromLeafHashes(leaves);
        var n = 1 + size % leaves.Length;
        var i = index % n;
        var proof = tree.InclusionProof((ulong)i, (ulong)n);
        var root = tree.RootAt((ulong)n);

        if (proof.Length > 0)
            Assert.False(MerkleVerifier.VerifyInclusion((ulong)i, (ulong)n, leaves[i], TestLeaves.FlipBit(proof, choice), root));

        if (n > 1)
        {
            var otherIndex = (i + 1 + choice % (n - 1)) % n;
            Assert.False(MerkleVerifier.VerifyInclusion((ulong)otherIndex, (ulong)n, leaves[i], proof, root));
        }

        var otherSize = i + 1 + choice % (leaves.Length - i);
        if (otherSize != n)
        {
            // Against the claimed size's own root a wrong size always fails.
            Assert.False(MerkleVerifier.VerifyInclusion((ulong)i, (ulong)otherSize, leaves[i], proof, tree.RootAt((ulong)otherSize)));
            // Against the true root it fails unless both sizes put the leaf on the same left/right path
            // (the root, not the proof, commits to the size).
            var samePath = ReferenceTree.PathSides(i, otherSize).SequenceEqual(ReferenceTree.PathSides(i, n));
            Assert.Equal(samePath, MerkleVerifier.VerifyInclusion((ulong)i, (ulong)otherSize, leaves[i], proof, root));
        }
    }

    [Property(EndSize = EndSize)]
    public void ConsistencyProofsMatchReferenceAndVerify(ushort count, ushort size2, ushort size1, uint seed)
    {
        var leaves = TestLeaves.Make(1 + count % MaxLeaves, seed);
        var tree = MerkleTree.FromLeafHashes(leaves);
        var n2 = 1 + size2 % leaves.Length;
        var n1 = 1 + size1 % n2;
        var proof = tree.ConsistencyProof((ulong)n1, (ulong)n2);

        Assert.Equal(ReferenceTree.Proof(n1, leaves.AsSpan(0, n2)), proof);
        Assert.True(MerkleVerifier.VerifyConsistency((ulong)n1, (ulong)n2, proof, ReferenceTree.Mth(leaves.AsSpan(0, n1)), ReferenceTree.Mth(leaves.AsSpan(0, n2))));
    }

    [Property(EndSize = EndSize)]
    public void TamperedConsistencyProofsFail(ushort count, ushort size2, ushort size1, uint seed, ushort choice, ushort otherSize)
    {
        var leaves = TestLeaves.Make(2 + count % (MaxLeaves - 1), seed);
        var tree = MerkleTree.FromLeafHashes(leaves);
        var n2 = 2 + size2 % (leaves.Length - 1);
        var n1 = 1 + size1 % (n2 - 1);
        var proof = tree.ConsistencyProof((ulong)n1, (ulong)n2);
        var (root1, root2) = (tree.RootAt((ulong)n1), tree.RootAt((ulong)n2));

        Assert.False(MerkleVerifier.VerifyConsistency((ulong)n1, (ulong)n2, TestLeaves.FlipBit(proof, choice), root1, root2));
        Assert.False(MerkleVerifier.VerifyConsistency((ulong)n1, (ulong)n2, proof, root2, root1));
        Assert.False(MerkleVerifier.VerifyConsistency((ulong)n1, (ulong)n2, proof[..^1], root1, root2));

        // Claimed sizes with their true roots: the proof passes only if it is the honest proof for those sizes.
        var m2 = 1 + otherSize % leaves.Length;
        var m1 = 1 + choice % m2;
        if ((m1, m2) == (n1, n2)) return;
        var honest = ReferenceTree.Proof(m1, leaves.AsSpan(0, m2));
        var expected = honest.Count == proof.Length && honest.Zip(proof).All(p => p.First.SequenceEqual(p.Second));
        Assert.Equal(expected, MerkleVerifier.VerifyConsistency((ulong)m1, (ulong)m2, proof, tree.RootAt((ulong)m1), tree.RootAt((ulong)m2)));
    }

    /// <summary>Subtrees [start, end) with start > 0 too, against the MTC draft's SUBTREE_PROOF and PATH inside the subtree.</summary>
    [Property(EndSize = EndSize)]
    public void SubtreeProofsVerify(ushort count, byte level, ushort block, ushort length, ushort leaf, uint seed, ushort choice)
    {
        var leaves = TestLeaves.Make(1 + count % 600, seed);
        var n = leaves.Length;
        var width = 1 << (level % (32 - int.LeadingZeroCount(n)));    // a power of two <= n
        var start = block % ((n + width - 1) / width) * width;
        var end = start + 1 + length % Math.Min(width, n - start);
        var tree = MerkleTree.FromLeafHashes(leaves);
        var subtree = leaves.AsSpan(start, end - start);
        var subtreeHash = ReferenceTree.Mth(subtree);

        Assert.True(MerkleVerifier.IsValidSubtree((ulong)start, (ulong)end));
        Assert.Equal(subtreeHash, tree.SubtreeHash((ulong)start, (ulong)end));

        var i = start + leaf % (end - start);
        var path = ReferenceTree.Path(i - start, subtree);
        Assert.True(MerkleVerifier.VerifySubtreeInclusion((ulong)i, (ulong)start, (ulong)end, leaves[i], path, subtreeHash));

        var proof = ReferenceTree.SubtreeProof(start, end, leaves).ToArray();
        var root = ReferenceTree.Mth(leaves);
        Assert.True(MerkleVerifier.VerifySubtreeConsistency((ulong)start, (ulong)end, (ulong)n, proof, subtreeHash, root));
        if (start == 0) Assert.Equal(tree.ConsistencyProof((ulong)end, (ulong)n), proof);
        if (proof.Length > 0)
            Assert.False(MerkleVerifier.VerifySubtreeConsistency((ulong)start, (ulong)end, (ulong)n, TestLeaves.FlipBit(proof, choice), subtreeHash, root));
    }
}
