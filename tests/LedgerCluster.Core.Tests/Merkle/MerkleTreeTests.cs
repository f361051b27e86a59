using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tests.Merkle;

public sealed class MerkleTreeTests
{
    [Fact]
    public void EmptyTree()
    {
        var tree = new MerkleTree();
        Assert.Equal(0UL, tree.Size);
        Assert.Equal(MerkleHash.EmptyRoot.ToArray(), tree.Root());
        Assert.Empty(tree.ConsistencyProof(0, 0));
    }

    /// <summary>Level 0 spans several 2,048-hash chunks; level 1 crosses its first one.</summary>
    [Fact]
    public void LargeTreeAcrossStorageChunks()
    {
        var leaves = TestLeaves.Make(5000, 7);
        var tree = MerkleTree.FromLeafHashes(leaves);
        Assert.Equal(5000UL, tree.Size);
        Assert.Equal(ReferenceTree.Mth(leaves), tree.Root());
        foreach (var i in new[] { 0, 15, 16, 2047, 2048, 4095, 4096, 4999 })
            Assert.Equal(leaves[i], tree.LeafHash((ulong)i));
        foreach (var size in new[] { 2048, 2049, 4096, 4097 })
            Assert.Equal(ReferenceTree.Mth(leaves.AsSpan(0, size)), tree.RootAt((ulong)size));
        Assert.Equal(ReferenceTree.Path(4095, leaves), tree.InclusionProof(4095, 5000));
        Assert.Equal(ReferenceTree.Proof(4097, leaves), tree.ConsistencyProof(4097, 5000));
    }

    [Fact]
    public void AppendReturnsTheLeafIndex()
    {
        var tree = new MerkleTree();
        Assert.Equal(0UL, tree.AppendLeafData([1]));
        Assert.Equal(1UL, tree.Append(MerkleHash.LeafHash([2])));
        Assert.Equal(2UL, tree.Size);
    }

    [Fact]
    public void ReturnedHashesAreCopies()
    {
        var tree = MerkleTree.FromLeafHashes(TestLeaves.Make(4, 1));
        var root = tree.Root();
        tree.LeafHash(0)[0] ^= 1;
        tree.InclusionProof(0, 4)[0][0] ^= 1;
        tree.Root()[0] ^= 1;
        Assert.Equal(root, tree.Root());
        Assert.Equal(ReferenceTree.Mth(TestLeaves.Make(4, 1)), root);
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        var tree = MerkleTree.FromLeafHashes(TestLeaves.Make(5, 1));
        Assert.Throws<ArgumentException>(() => tree.Append(new byte[31]));
        Assert.Throws<ArgumentException>(() => MerkleTree.FromLeafHashes([new byte[33]]));
        Assert.Throws<ArgumentNullException>(() => MerkleTree.FromLeafHashes([null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.RootAt(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.LeafHash(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(0, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(1, 6));
        Assert.Throws<ArgumentException>(() => tree.SubtreeHash(1, 4));     // misaligned
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.SubtreeHash(4, 6));
    }

    [Fact]
    public void ConsistencyFromTheEmptyTreeIsEmpty()
    {
        var tree = MerkleTree.FromLeafHashes(TestLeaves.Make(5, 1));
        Assert.Empty(tree.ConsistencyProof(0, 5));
        Assert.Empty(tree.ConsistencyProof(5, 5));
    }

    [Fact]
    public void EmptySubtreeHashesToTheEmptyRoot()
    {
        var tree = MerkleTree.FromLeafHashes(TestLeaves.Make(5, 1));
        Assert.Equal(MerkleHash.EmptyRoot.ToArray(), tree.SubtreeHash(3, 3));
    }
}
