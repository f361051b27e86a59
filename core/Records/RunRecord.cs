using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>
/// A signed run record `{body, content_hash, signature, envelope}`. <see cref="BodyJson"/> is the body exactly
/// as given, so integrity is checked on what was received, not on a re-serialization of it.
/// </summary>
public sealed record RunRecord(RecordBody Body, JObject BodyJson, string ContentHash, RecordSignature Signature, RecordEnvelope Envelope)
{
    /// <summary>The record id is its content hash.</summary>
    public string Id => ContentHash;

    /// <summary>Signs a body: the signature covers the ASCII hex of the content hash, as verievals does.</summary>
    public static RunRecord Create(RecordBody body, Ed25519KeyPair key, string? signer = null, DateTimeOffset? createdAt = null)
    {
        var json = body.ToJson();
        var hash = CanonicalJson.Hash(json);
        var signature = new RecordSignature(RecordSignature.Ed25519, key.PublicKeyHex, Hex.Encode(key.Sign(Encoding.ASCII.GetBytes(hash))));
        var envelope = new RecordEnvelope(PythonIsoTime(createdAt ?? DateTimeOffset.UtcNow), signer);
        return new RunRecord(body, json, hash, signature, envelope);
    }

    /// <summary>Strictly parses a record; throws <see cref="RecordSchemaException"/> naming the field, or <see cref="JsonParseException"/>.</summary>
    public static RunRecord Parse(string json) => Read(JsonParser.Parse(json));

    public static RunRecord Parse(ReadOnlySpan<byte> utf8) => Read(JsonParser.Parse(utf8));

    public static RunRecord Read(JValue json)
    {
        var o = new StrictObject(json, "");
        var bodyJson = o.Object("body");
        var record = new RunRecord(
            RecordBody.Read(bodyJson),
            bodyJson,
            o.LowerHex("content_hash", 32),
            RecordSignature.Read(o.Child("signature")),
            RecordEnvelope.Read(o.Child("envelope")));
        o.RejectUnknown();
        return record;
    }

    /// <summary>The canonical hash of the body as received.</summary>
    public string RecomputeContentHash() => CanonicalJson.Hash(BodyJson);

    public bool IntegrityHolds() => RecomputeContentHash() == ContentHash;

    /// <summary>True when the signature verifies over the stated content hash (check integrity separately).</summary>
    public bool SignatureHolds()
    {
        var publicKey = Hex.TryDecodeLower(Signature.PublicKey, Ed25519.PublicKeySize);
        var signature = Hex.TryDecodeLower(Signature.Signature, Ed25519.SignatureSize);
        return Signature.Algorithm == RecordSignature.Ed25519 && publicKey is not null && signature is not null
            && Ed25519.Verify(publicKey, Encoding.ASCII.GetBytes(ContentHash), signature);
    }

    /// <summary>The raw 32 bytes of the content hash: the leaf data appended to the log.</summary>
    public byte[] LeafData() => Convert.FromHexString(ContentHash);

    public JObject ToJson() => new()
    {
        { "body", BodyJson }, { "content_hash", ContentHash }, { "signature", Signature.ToJson() }, { "envelope", Envelope.ToJson() },
    };

    /// <summary>The file form verievals' RecordStore writes: indent 2, sorted keys, trailing newline.</summary>
    public string ToFileText() => PrettyJson.Serialize(ToJson()) + "\n";

    // Python's datetime.isoformat() for an aware UTC time: microseconds and +00:00.
    private static string PythonIsoTime(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
}
