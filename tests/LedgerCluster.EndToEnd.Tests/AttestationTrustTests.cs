using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Only keys the operator trusts (policy witnesses, `--attestor` keys) may attach anything to a record: hundreds of throwaway
/// keys re-signing a logged body, or signing attestation notes, leave the record as it was.
/// </summary>
public sealed class AttestationTrustTests
{
    private const int Throwaway = 300;

    [Fact]
    public async Task Without_trusted_keys_throwaway_signatures_and_notes_attach_nothing_and_the_note_is_refused_naming_why()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1);
        using var author = Ed25519KeyPair.Generate();
        var record = TestRecords.Make(author, 1);
        Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);

        await SubmitResignedByThrowawayKeys(node, record);
        Assert.Empty(Attestations(await node.Client.GetRecordAsync(record.Id)));

        using var stranger = new NoteSigner("stranger.test/x", Ed25519KeyPair.Generate());
        var note = new RecordAttestation(record.Id, "verified", "ledgercluster.local/shard/0", 0).Sign(stranger);
        var refused = await Assert.ThrowsAsync<Client.Gateway.GatewayException>(() => node.Client.PostAttestationAsync(record.Id, note.Format()));
        Assert.Equal(("no_trusted_attesters", 403), (refused.Error, (int)refused.Status));
        Assert.Contains("--attestor", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_attestor_is_kept_and_throwaway_keys_still_attach_nothing()
    {
        using var dir = new TempDirectory();
        using var lab = Ed25519KeyPair.Generate();
        var labKey = NoteVerifierKey.Create("lab.test/a", NoteKeyType.Ed25519, lab.PublicKey);
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o => o.Attestors.Add(labKey.ToString()));
        using var author = Ed25519KeyPair.Generate();
        var record = TestRecords.Make(author, 2);
        Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);

        // The attestor's second signature over the body is kept; a note it signs is kept too.
        Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(RunRecord.Create(record.Body, lab, "lab")))).Duplicate);
        using (var labSigner = new NoteSigner(labKey.Name, Ed25519KeyPair.FromSeed(lab.ExportSeed())))
            await node.Client.PostAttestationAsync(record.Id, new RecordAttestation(record.Id, "verified", "ledgercluster.local/shard/0", 0).Sign(labSigner).Format());

        await SubmitResignedByThrowawayKeys(node, record);
        using var stranger = new NoteSigner("stranger.test/x", Ed25519KeyPair.Generate());
        var note = new RecordAttestation(record.Id, "verified", "ledgercluster.local/shard/0", 0).Sign(stranger);
        var refused = await Assert.ThrowsAsync<Client.Gateway.GatewayException>(() => node.Client.PostAttestationAsync(record.Id, note.Format()));
        Assert.Equal(("unknown_attester", 403), (refused.Error, (int)refused.Status));

        var held = Attestations(await node.Client.GetRecordAsync(record.Id));
        Assert.Equal(2, held.Count);
        Assert.All(held, a => Assert.Equal(Convert.ToHexStringLower(lab.PublicKey), ((JString)a["public_key"]!).Value));
    }

    // The same body signed by many fresh keys: each is a valid duplicate of the logged record (one leaf), half in one batch.
    private static async Task SubmitResignedByThrowawayKeys(EmbeddedNode node, RunRecord record)
    {
        var resigned = Enumerable.Range(0, Throwaway).Select(i =>
        {
            using var key = Ed25519KeyPair.Generate();
            return TestRecords.Bytes(RunRecord.Create(record.Body, key, $"throwaway-{i}"));
        }).ToList();
        foreach (var submission in await node.Client.SubmitBatchAsync(resigned.Take(Throwaway / 2)))
            Assert.True(submission.Duplicate);
        foreach (var body in resigned.Skip(Throwaway / 2))
            Assert.True((await node.Client.SubmitAsync(body)).Duplicate);
    }

    private static List<JObject> Attestations(JObject? view) => ((JArray)view!["attestations"]!).Items.Cast<JObject>().ToList();
}
