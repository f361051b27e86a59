using System.Text;
using BenchmarkDotNet.Attributes;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.Benchmarks;

/// <summary>
/// Ed25519 over what a run record signs: the 64 ASCII hex characters of its content hash.
/// Verification is the floor cost of ingest (DESIGN.md targets).
/// </summary>
[MemoryDiagnoser]
public class Ed25519Benchmarks
{
    private Ed25519KeyPair _key = null!;
    private byte[] _message = [];
    private byte[] _signature = [];

    [GlobalSetup]
    public void Setup()
    {
        _key = Ed25519KeyPair.FromSeed(new byte[Ed25519.SeedSize]);
        _message = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(new byte[32]));
        _signature = _key.Sign(_message);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public byte[] Sign() => _key.Sign(_message);

    [Benchmark]
    public bool Verify() => Ed25519.Verify(_key.PublicKey, _message, _signature);
}
