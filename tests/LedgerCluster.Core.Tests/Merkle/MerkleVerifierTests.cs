using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tests.Merkle;

/// <summary>Hostile inputs: every case returns false without throwing.</summary>
public sealed class MerkleVerifierTests
{
    private static readonly byte[] Hash = MerkleHash.LeafHash([42]);
    private static readonly byte[][] LongProof = [.. Enumerable.Repeat(Hash, 70)];

    [Theory]
    [InlineData(ulong.MaxValue, ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 1, ulong.MaxValue)]
    [InlineData(0UL, ulong.MaxValue)]
    [InlineData(1UL << 63, (1UL << 63) + 2)]
    [InlineData(0UL, 0UL)]
    public void InclusionAtExtremeSizes(ulong index, ulong size)
    {
        Assert.False(MerkleVerifier.VerifyInclusion(index, size, Hash, LongProof, Hash));
        Assert.False(MerkleVerifier.VerifyInclusion(index, size, Hash, LongProof[..64], Hash));
        Assert.False(MerkleVerifier.VerifyInclusion(index, size, Hash, [], Hash));
    }

    [Theory]
    [InlineData(1UL, ulong.MaxValue)]
    [InlineData(1UL << 63, ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 1, ulong.MaxValue)]
    [InlineData(ulong.MaxValue, ulong.MaxValue)]
    [InlineData(ulong.MaxValue, 1UL)]
    public void ConsistencyAtExtremeSizes(ulong size1, ulong size2)
    {
        Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, LongProof, Hash, Hash));
        Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, LongProof[..64], Hash, MerkleHash.EmptyRoot));
        Assert.False(MerkleVerifier.VerifySubtreeConsistency(0, size1, size2, LongProof, Hash, Hash));
        Assert.False(MerkleVerifier.VerifySubtreeConsistency(size1 - 1, size1, size2, LongProof[..64], Hash, Hash));
    }

    [Fact]
    public void MalformedProofElements()
    {
        var tree = MerkleTree.FromLeafHashes(TestLeaves.Make(6, 3));
        var leaf = tree.LeafHash(2);
        var root = tree.Root();
        var proof = tree.InclusionProof(2, 6);
        Assert.True(MerkleVerifier.VerifyInclusion(2, 6, leaf, proof, root));

        Assert.False(MerkleVerifier.VerifyInclusion(2, 6, leaf, [null!, .. proof[1..]], root));
        Assert.False(MerkleVerifier.VerifyInclusion(2, 6, leaf, [proof[0][..31], .. proof[1..]], root));
        Assert.False(MerkleVerifier.VerifyInclusion(2, 6, leaf, [[.. proof[0], 0], .. proof[1..]], root));
        Assert.False(MerkleVerifier.VerifyInclusion(2, 6, leaf, null!, root));
        Assert.False(MerkleVerifier.VerifyInclusion(2, 6, leaf[..31], proof, root));
        Assert.False(MerkleVerifier.VerifyInclusion(2, 6, leaf, proof, root[..31]));
        Assert.Null(MerkleVerifier.RootFromInclusionProof(2, 6, leaf, [.. proof, Hash]));

        var consistency = tree.ConsistencyProof(3, 6);
        Assert.True(MerkleVerifier.VerifyConsistency(3, 6, consistency, tree.RootAt(3), root));
        Assert.False(MerkleVerifier.VerifyConsistency(3, 6, [null!, .. consistency[1..]], tree.RootAt(3), root));
        Assert.False(MerkleVerifier.VerifyConsistency(3, 6, null!, tree.RootAt(3), root));
        Assert.False(MerkleVerifier.VerifySubtreeConsistency(0, 3, 6, null!, tree.RootAt(3), root));
    }

    /// <summary>A power-of-two old root seeds the computation, so it must be a 32-byte hash too.</summary>
    [Fact]
    public void SeedRootOfTheWrongLengthFails()
    {
        var junk = "WrongRoot"u8.ToArray();
        var node = MerkleHash.LeafHash([9]);
        Assert.False(MerkleVerifier.VerifyConsistency(4, 8, [node], junk, MerkleHash.NodeHash(junk, node)));
        Assert.False(MerkleVerifier.VerifySubtreeConsistency(0, 4, 8, [node], junk, MerkleHash.NodeHash(junk, node)));
    }

    [Fact]
    public void ConsistencyPolicies()
    {
        // From the empty tree: always fails, even 0 -> 0 with equal roots.
        Assert.False(MerkleVerifier.VerifyConsistency(0, 0, [], MerkleHash.EmptyRoot, MerkleHash.EmptyRoot));
        Assert.False(MerkleVerifier.VerifyConsistency(0, 5, [], MerkleHash.EmptyRoot, Hash));
        // Equal sizes: empty proof and byte-equal roots of any length.
        Assert.True(MerkleVerifier.VerifyConsistency(3, 3, [], "don't care"u8, "don't care"u8));
        Assert.False(MerkleVerifier.VerifyConsistency(3, 3, [Hash], Hash, Hash));
        Assert.False(MerkleVerifier.VerifyConsistency(3, 3, [], Hash, MerkleHash.EmptyRoot));
    }

    [Theory]
    [InlineData(0UL, 0UL, true)]
    [InlineData(0UL, ulong.MaxValue, true)]
    [InlineData(5UL, 5UL, true)]
    [InlineData(8UL, 16UL, true)]
    [InlineData(8UL, 13UL, true)]
    [InlineData(8UL, 17UL, false)]     // BIT_CEIL(9) = 16 does not divide 8
    [InlineData(6UL, 8UL, true)]
    [InlineData(6UL, 9UL, false)]
    [InlineData(5UL, 4UL, false)]
    [InlineData(1UL << 63, ulong.MaxValue, true)]              // size 2^63 - 1, BIT_CEIL 2^63
    [InlineData(1UL, ulong.MaxValue, false)]                   // size 2^64 - 2, BIT_CEIL 2^64 overflows 64 bits
    [InlineData((1UL << 63) - 2, ulong.MaxValue, false)]       // size 2^63 + 1, BIT_CEIL 2^64
    public void SubtreeValidity(ulong start, ulong end, bool valid) =>
        Assert.Equal(valid, MerkleVerifier.IsValidSubtree(start, end));

    [Fact]
    public void EmptySubtreeConsistencyIgnoresTheTreeRoot()
    {
        Assert.True(MerkleVerifier.VerifySubtreeConsistency(4, 4, 4, [], MerkleHash.EmptyRoot, "junk"u8));
        Assert.False(MerkleVerifier.VerifySubtreeConsistency(4, 4, 3, [], MerkleHash.EmptyRoot, "junk"u8));
        Assert.False(MerkleVerifier.VerifySubtreeConsistency(4, 4, 4, [Hash], MerkleHash.EmptyRoot, "junk"u8));
        Assert.False(MerkleVerifier.VerifySubtreeConsistency(4, 4, 4, [], Hash, "junk"u8));
    }

    [Fact]
    public void SubtreeInclusionNeedsTheLeafInsideTheRange()
    {
        Assert.False(MerkleVerifier.VerifySubtreeInclusion(3, 4, 8, Hash, [], Hash));
        Assert.False(MerkleVerifier.VerifySubtreeInclusion(8, 4, 8, Hash, [], Hash));
        Assert.False(MerkleVerifier.VerifySubtreeInclusion(4, 4, 4, Hash, [], Hash));
        Assert.True(MerkleVerifier.VerifySubtreeInclusion(4, 4, 5, Hash, [], Hash));
    }
}
