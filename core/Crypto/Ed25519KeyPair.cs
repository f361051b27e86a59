using System.Security.Cryptography;
using LedgerCluster.Core.Hashing;
using NSec.Cryptography;

namespace LedgerCluster.Core.Crypto;

/// <summary>An Ed25519 signing key held as its 32-byte seed (the form verievals writes to `.key` files).</summary>
public sealed class Ed25519KeyPair : IDisposable
{
    private readonly Key _key;

    private Ed25519KeyPair(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    public string PublicKeyHex => Hex.Encode(PublicKey);

    public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.SeedSize)
            throw new ArgumentException($"an Ed25519 seed is {Ed25519.SeedSize} bytes, got {seed.Length}", nameof(seed));
        var key = Key.Import(Ed25519.Algorithm, seed, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new Ed25519KeyPair(key);
    }

    public static Ed25519KeyPair FromSeedHex(string seedHex) =>
        FromSeed(Hex.DecodeLower(seedHex.Trim().ToLowerInvariant(), Ed25519.SeedSize, "the Ed25519 seed"));

    public static Ed25519KeyPair Generate()
    {
        Span<byte> seed = stackalloc byte[Ed25519.SeedSize];
        RandomNumberGenerator.Fill(seed);
        try { return FromSeed(seed); }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    /// <summary>The 32-byte seed. Secret: write it only to a 0600 file.</summary>
    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    public byte[] Sign(ReadOnlySpan<byte> message) => Ed25519.Algorithm.Sign(_key, message);

    public void Dispose() => _key.Dispose();
}
