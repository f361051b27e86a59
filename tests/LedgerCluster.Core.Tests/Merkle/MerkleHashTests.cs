using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tests.Merkle;

public sealed class MerkleHashTests
{
    [Fact]
    public void EmptyRootIsSha256OfNothing() =>
        Assert.Equal(SHA256.HashData([]), MerkleHash.EmptyRoot.ToArray());

    /// <summary>tlog-testdata README §8.4: sumdb RecordHash("hello world").</summary>
    [Fact]
    public void LeafHashOfHelloWorld() =>
        Assert.Equal("TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=", Convert.ToBase64String(MerkleHash.LeafHash(Encoding.ASCII.GetBytes("hello world"))));

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(510)]
    [InlineData(511)]   // the largest leaf framed on the stack
    [InlineData(512)]
    [InlineData(100_000)]
    public void LeafHashMatchesReferenceAtEveryLength(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        Assert.Equal(ReferenceTree.LeafHash(data), MerkleHash.LeafHash(data));
    }

    [Fact]
    public void NodeHashMatchesReferenceAndMayOverwriteItsInput()
    {
        var left = ReferenceTree.LeafHash([1]);
        var right = ReferenceTree.LeafHash([2]);
        var expected = ReferenceTree.NodeHash(left, right);
        Assert.Equal(expected, MerkleHash.NodeHash(left, right));

        var inPlace = (byte[])right.Clone();
        MerkleHash.NodeHash(left, inPlace, inPlace);
        Assert.Equal(expected, inPlace);
    }

    /// <summary>Each thread hashes with its own reused context.</summary>
    [Fact]
    public void ConcurrentHashingAgreesWithReference()
    {
        var leaves = TestLeaves.Make(4000, 11);
        var results = new byte[leaves.Length - 1][];
        Parallel.For(0, results.Length, i => results[i] = MerkleHash.NodeHash(leaves[i], leaves[i + 1]));
        for (var i = 0; i < results.Length; i++) Assert.Equal(ReferenceTree.NodeHash(leaves[i], leaves[i + 1]), results[i]);
    }

    [Fact]
    public void ShortDestinationIsRejected() =>
        Assert.Throws<ArgumentException>(() => MerkleHash.LeafHash([], new byte[31]));
}
