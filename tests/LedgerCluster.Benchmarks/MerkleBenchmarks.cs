using BenchmarkDotNet.Attributes;
using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Benchmarks;

/// <summary>
/// Merkle hashing, appends and proofs. Batched benchmarks report the cost of one operation
/// (OperationsPerInvoke), so 1e9 / Mean is the rate per second on one core.
/// Targets (DESIGN.md): append >= 500,000 leaves/s; inclusion verification >= 60,000/s per core.
/// </summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private const int AppendBatch = 1 << 16;
    private const int ProofBatch = 1024;
    private const ulong TreeSize = 1_000_000;

    private readonly byte[] _data = new byte[32];
    private readonly byte[] _left = MerkleHash.LeafHash([1]);
    private readonly byte[] _right = MerkleHash.LeafHash([2]);
    private readonly byte[] _destination = new byte[MerkleHash.Size];
    private byte[][] _leafHashes = [];
    private MerkleTree _tree = new();
    private byte[] _root = [];
    private ulong[] _indices = [];
    private byte[][][] _inclusionProofs = [];
    private (ulong Size1, byte[] Root1, byte[][] Proof)[] _consistency = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(6962);
        random.NextBytes(_data);
        _leafHashes = new byte[TreeSize][];
        for (var i = 0; i < _leafHashes.Length; i++) _leafHashes[i] = MerkleHash.LeafHash(BitConverter.GetBytes(i));
        _tree = MerkleTree.FromLeafHashes(_leafHashes);
        _root = _tree.Root();
        _indices = [.. Enumerable.Range(0, ProofBatch).Select(_ => (ulong)random.NextInt64((long)TreeSize))];
        _inclusionProofs = [.. _indices.Select(i => _tree.InclusionProof(i, TreeSize))];
        _consistency = [.. _indices.Select(i => i + 1).Select(s => (s, _tree.RootAt(s), _tree.ConsistencyProof(s, TreeSize)))];
    }

    [Benchmark(Description = "LeafHash (32-byte leaf)")]
    public void LeafHash() => MerkleHash.LeafHash(_data, _destination);

    [Benchmark(Description = "NodeHash")]
    public void NodeHash() => MerkleHash.NodeHash(_left, _right, _destination);

    [Benchmark(Description = "Append leaf hash (per leaf)", OperationsPerInvoke = AppendBatch)]
    public MerkleTree Append()
    {
        var tree = new MerkleTree();
        for (var i = 0; i < AppendBatch; i++) tree.Append(_leafHashes[i]);
        return tree;
    }

    [Benchmark(Description = "AppendLeafData 32 B (per leaf)", OperationsPerInvoke = AppendBatch)]
    public MerkleTree AppendLeafData()
    {
        var tree = new MerkleTree();
        for (var i = 0; i < AppendBatch; i++) tree.AppendLeafData(_leafHashes[i]);
        return tree;
    }

    [Benchmark(Description = "Root of 1M-leaf tree")]
    public byte[] Root() => _tree.Root();

    [Benchmark(Description = "InclusionProof, 1M leaves", OperationsPerInvoke = ProofBatch)]
    public int InclusionProof()
    {
        var total = 0;
        foreach (var index in _indices) total += _tree.InclusionProof(index, TreeSize).Length;
        return total;
    }

    [Benchmark(Description = "VerifyInclusion, 1M leaves", OperationsPerInvoke = ProofBatch)]
    public int VerifyInclusion()
    {
        var verified = 0;
        for (var i = 0; i < ProofBatch; i++)
            if (MerkleVerifier.VerifyInclusion(_indices[i], TreeSize, _leafHashes[_indices[i]], _inclusionProofs[i], _root)) verified++;
        return verified;
    }

    [Benchmark(Description = "ConsistencyProof, to 1M leaves", OperationsPerInvoke = ProofBatch)]
    public int ConsistencyProof()
    {
        var total = 0;
        foreach (var (size1, _, _) in _consistency) total += _tree.ConsistencyProof(size1, TreeSize).Length;
        return total;
    }

    [Benchmark(Description = "VerifyConsistency, to 1M leaves", OperationsPerInvoke = ProofBatch)]
    public int VerifyConsistency()
    {
        var verified = 0;
        foreach (var (size1, root1, proof) in _consistency)
            if (MerkleVerifier.VerifyConsistency(size1, TreeSize, proof, root1, _root)) verified++;
        return verified;
    }
}
