using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Records;

public sealed class RunRecordKatTests
{
    public static IEnumerable<object[]> RecordIds() => Kat.Rows(() => Kat.RecordFiles.Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }));

    [SharedFact]
    public void There_are_four_kat_records() => Assert.Equal(4, Kat.RecordFiles.Count());

    [SharedTheory]
    [MemberData(nameof(RecordIds))]
    public void Kat_record_parses_and_verifies(string id)
    {
        var record = RunRecord.Parse(File.ReadAllBytes(Path.Combine(Kat.RecordsDir, id + ".json")));
        Assert.Equal(id, record.Id);
        Assert.True(record.IntegrityHolds());
        Assert.True(record.SignatureHolds());
        var canonicalBody = File.ReadAllText(SharedData.Path("verievals", "kat", "canonical-bodies", id + ".body.canonical.json"), Encoding.UTF8);
        Assert.Equal(canonicalBody, CanonicalJson.Serialize(record.BodyJson));
        // The typed body re-serializes to the same bytes: nothing was dropped or coerced.
        Assert.Equal(canonicalBody, CanonicalJson.Serialize(record.Body.ToJson()));
    }

    [SharedTheory]
    [MemberData(nameof(RecordIds))]
    public void Re_signing_with_the_rfc8032_key_reproduces_the_signature(string id)
    {
        var original = RunRecord.Parse(File.ReadAllBytes(Path.Combine(Kat.RecordsDir, id + ".json")));
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        var again = RunRecord.Create(original.Body, key, original.Envelope.Signer);
        Assert.Equal(id, again.Id);
        Assert.Equal(original.Signature, again.Signature);
        var vector = (JObject)((JObject)Kat.Vectors["records"]!)[id]!;
        Assert.Equal(Kat.Str(vector["ed25519_signature"]), again.Signature.Signature);
        Assert.Equal(Kat.Str(vector["body_sha256"]), again.ContentHash);
    }

    [SharedFact]
    public void Written_record_parses_back_identically()
    {
        var original = RunRecord.Parse(File.ReadAllBytes(Kat.RecordFiles.First()));
        var back = RunRecord.Parse(original.ToFileText());
        Assert.Equal(original.Id, back.Id);
        Assert.True(back.SignatureHolds());
        Assert.EndsWith("}\n", original.ToFileText(), StringComparison.Ordinal);
    }
}
