using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>Ed25519 over the ASCII bytes of the 64-char hex content hash (not the raw 32 bytes).</summary>
public sealed record RecordSignature(string Algorithm, string PublicKey, string Signature)
{
    public const string Ed25519 = "ed25519";

    public JObject ToJson() => new() { { "algorithm", Algorithm }, { "public_key", PublicKey }, { "signature", Signature } };

    internal static RecordSignature Read(StrictObject o)
    {
        var result = new RecordSignature(o.OneOf("algorithm", Ed25519), o.LowerHex("public_key", 32), o.LowerHex("signature", 64));
        o.RejectUnknown();
        return result;
    }
}
