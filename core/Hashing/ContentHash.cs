using System.Security.Cryptography;

namespace LedgerCluster.Core.Hashing;

/// <summary>SHA-256 content addressing: the id of anything is the lowercase hex digest of its bytes.</summary>
public static class ContentHash
{
    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Hex.Encode(SHA256.HashData(data));

    public static string Sha256Hex(string utf8Text) => Sha256Hex(System.Text.Encoding.UTF8.GetBytes(utf8Text));
}
