using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tests.Merkle;

/// <summary>The Python verievals known answers (`verievals/kat/vectors.json`, keys `merkle` and `ledger`).</summary>
public sealed class VerievalsVectorTests
{
    private static JsonElement Section(string key)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("verievals", "kat", "vectors.json")));
        return doc.RootElement.GetProperty(key).Clone();
    }

    private static byte[] Hex(JsonElement e) => Convert.FromHexString(e.GetString()!);

    private static byte[][] HexList(JsonElement e) => [.. e.EnumerateArray().Select(Hex)];

    private static MerkleTree CtTree(JsonElement merkle)
    {
        var tree = new MerkleTree();
        foreach (var leaf in merkle.GetProperty("ct_leaves_hex").EnumerateArray()) tree.AppendLeafData(Hex(leaf));
        return tree;
    }

    [SharedFact]
    public void CtRootsBySize()
    {
        var merkle = Section("merkle");
        var tree = CtTree(merkle);
        var sizes = 0;
        foreach (var entry in merkle.GetProperty("ct_roots_by_size").EnumerateObject())
        {
            Assert.Equal(Hex(entry.Value), tree.RootAt(ulong.Parse(entry.Name)));
            sizes++;
        }
        Assert.Equal(8, sizes);
    }

    [SharedFact]
    public void CtAuditPaths()
    {
        var merkle = Section("merkle");
        var tree = CtTree(merkle);
        var proofs = 0;
        foreach (var entry in merkle.GetProperty("ct_proofs").EnumerateObject())
        {
            // Keys are "size{N}_leaf{I}".
            var parts = entry.Name.Split('_');
            var size = ulong.Parse(parts[0]["size".Length..]);
            var index = ulong.Parse(parts[1]["leaf".Length..]);
            var expected = HexList(entry.Value);
            Assert.Equal(expected, tree.InclusionProof(index, size));
            Assert.True(MerkleVerifier.VerifyInclusion(index, size, tree.LeafHash(index), expected, tree.RootAt(size)), entry.Name);
            proofs++;
        }
        Assert.Equal(36, proofs);
    }

    [SharedFact]
    public void AsciiLeavesAndFixedRoots()
    {
        var merkle = Section("merkle");
        Assert.Equal(Hex(merkle.GetProperty("empty_root")), new MerkleTree().Root());
        Assert.Equal(Hex(merkle.GetProperty("empty_root")), MerkleHash.EmptyRoot.ToArray());
        var single = new MerkleTree();
        single.AppendLeafData([]);
        Assert.Equal(Hex(merkle.GetProperty("single_empty_leaf_root")), single.Root());
        foreach (var entry in merkle.GetProperty("ascii_leaves").EnumerateObject())
        {
            var tree = new MerkleTree();
            foreach (var leaf in entry.Name.Split(',')) tree.AppendLeafData(Encoding.ASCII.GetBytes(leaf));
            Assert.Equal(Hex(entry.Value), tree.Root());
        }
    }

    /// <summary>
    /// verievals accepts a leaf hash equal to the root with an empty path for any claimed tree size; RFC 9162's
    /// final sn == 0 check binds the size, so we must reject it (and accept the same proof for size 1).
    /// </summary>
    [SharedFact]
    public void DeviationTreeSizeNotBoundIsRejected()
    {
        var deviation = Section("merkle").GetProperty("deviation_tree_size_not_bound");
        Assert.True(deviation.GetProperty("verievals_result").GetBoolean());
        Assert.False(deviation.GetProperty("rfc9162_result").GetBoolean());
        var leafHash = MerkleHash.LeafHash(Hex(deviation.GetProperty("leaf")));
        var proof = deviation.GetProperty("proof");
        var index = proof.GetProperty("leaf_index").GetUInt64();
        var size = proof.GetProperty("tree_size").GetUInt64();
        var root = Hex(deviation.GetProperty("root"));
        var path = HexList(proof.GetProperty("audit_path"));

        Assert.Equal(root, leafHash);
        Assert.False(MerkleVerifier.VerifyInclusion(index, size, leafHash, path, root));
        Assert.True(MerkleVerifier.VerifyInclusion(0, 1, leafHash, path, root));
    }

    /// <summary>Ledger leaves are the raw 32 bytes of each record id, not its hex text.</summary>
    [SharedFact]
    public void LedgerRootsAndProofs()
    {
        var ledger = Section("ledger");
        var tree = new MerkleTree();
        foreach (var id in ledger.GetProperty("leaves_in_order").EnumerateArray()) tree.AppendLeafData(Hex(id));
        Assert.Equal(HexList(ledger.GetProperty("leaf_hashes")), Enumerable.Range(0, 3).Select(i => tree.LeafHash((ulong)i)));
        foreach (var entry in ledger.GetProperty("roots_by_size").EnumerateObject())
            Assert.Equal(Hex(entry.Value), tree.RootAt(ulong.Parse(entry.Name)));

        var proofs = 0;
        foreach (var entry in ledger.GetProperty("proofs_at_size3").EnumerateObject())
        {
            var index = entry.Value.GetProperty("leaf_index").GetUInt64();
            var size = entry.Value.GetProperty("tree_size").GetUInt64();
            var path = HexList(entry.Value.GetProperty("audit_path"));
            Assert.Equal(MerkleHash.LeafHash(Convert.FromHexString(entry.Name)), tree.LeafHash(index));
            Assert.Equal(path, tree.InclusionProof(index, size));
            Assert.True(MerkleVerifier.VerifyInclusion(index, size, tree.LeafHash(index), path, tree.RootAt(size)));
            proofs++;
        }
        Assert.Equal(3, proofs);
    }
}
