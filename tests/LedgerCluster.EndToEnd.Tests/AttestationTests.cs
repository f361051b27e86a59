using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`ledger witness attest` re-checks a logged record, signs an attestation note and posts it; the gateway keeps policy keys' notes only.</summary>
public sealed class AttestationTests
{
    [Fact]
    public async Task A_policy_witness_attests_a_logged_record_once_and_strangers_and_wrong_positions_are_refused()
    {
        using var dir = new TempDirectory();
        var witness = WitnessKeyFiles.Create("witness.test/a", dir.File("a"));
        var stranger = WitnessKeyFiles.Create("witness.test/x", dir.File("x"));
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o =>
        {
            o.WitnessPolicy = $"witness a {witness.VerifierKey}\nquorum a\n";
            o.HostedWitnesses["a"] = witness.KeyPath;
        });
        using var author = Ed25519KeyPair.Generate();
        var record = TestRecords.Make(author, 1);
        var file = dir.File("r.json");
        await File.WriteAllBytesAsync(file, TestRecords.Bytes(record));
        await node.Client.SubmitAsync(TestRecords.Bytes(record));
        var logKey = Assert.Single(await node.Client.GetShardsAsync()).VerifierKey;

        // A witness checks inclusion against a log key it holds, never one the checked gateway hands it.
        var unpinned = await Ledger("witness", "attest", file, "--key", witness.KeyPath, "--statement", "verified", "--gateway", node.Url);
        Assert.Equal(2, unpinned.Code);
        Assert.Contains("--vkey", unpinned.Err, StringComparison.Ordinal);
        using var otherKey = Ed25519KeyPair.Generate();
        var otherLog = NoteVerifierKey.Create("ledgercluster.local/shard/0", NoteKeyType.Ed25519, otherKey.PublicKey).ToString();
        var wrongKey = await Ledger("witness", "attest", file, "--key", witness.KeyPath, "--statement", "verified", "--gateway", node.Url, "--vkey", otherLog);
        Assert.Equal(1, wrongKey.Code);
        Assert.Contains("Not attesting", wrongKey.Out, StringComparison.Ordinal);

        var attest = await Ledger("witness", "attest", file, "--key", witness.KeyPath, "--statement", "verified", "--gateway", node.Url, "--vkey", logKey);
        Assert.Equal(0, attest.Code);
        Assert.Contains($"Attested verified: {record.Id} at ledgercluster.local/shard/0 0 by witness.test/a", attest.Out, StringComparison.Ordinal);
        var again = await Ledger("witness", "attest", file, "--key", witness.KeyPath, "--statement", "verified", "--gateway", node.Url, "--vkey", logKey);
        Assert.Contains("(already held)", again.Out, StringComparison.Ordinal);
        var view = (await node.Client.GetRecordAsync(record.Id))!;
        var held = Assert.Single(((JArray)view["attestations"]!).Items);
        Assert.Equal("verified", ((JString)((JObject)held)["statement"]!).Value);

        var refused = await Ledger("witness", "attest", file, "--key", stranger.KeyPath, "--statement", "verified", "--gateway", node.Url, "--vkey", logKey);
        Assert.Equal(2, refused.Code);
        Assert.Contains("403 unknown_attester", refused.Err, StringComparison.Ordinal);

        using var key = WitnessKeyFiles.Load(witness.KeyPath);
        var misplaced = new RecordAttestation(record.Id, "verified", "ledgercluster.local/shard/0", 5).Sign(key);
        var error = await Assert.ThrowsAsync<Client.Gateway.GatewayException>(() => node.Client.PostAttestationAsync(record.Id, misplaced.Format()));
        Assert.Equal(("wrong_position", 422), (error.Error, (int)error.Status));

        var unlogged = TestRecords.Make(author, 9);
        await File.WriteAllBytesAsync(dir.File("u.json"), TestRecords.Bytes(unlogged));
        var notLogged = await Ledger("witness", "attest", dir.File("u.json"), "--key", witness.KeyPath, "--statement", "verified", "--gateway", node.Url, "--vkey", logKey);
        Assert.Equal(1, notLogged.Code);
        Assert.Contains("Not attesting", notLogged.Out, StringComparison.Ordinal);
        Assert.Single(((JArray)(await node.Client.GetRecordAsync(record.Id))!["attestations"]!).Items);
    }

    [Fact]
    public async Task A_policy_quorum_of_reproduced_attestations_makes_a_record_reproduced_on_the_record_and_the_board()
    {
        using var dir = new TempDirectory();
        var a = WitnessKeyFiles.Create("witness.test/a", dir.File("a"));
        var b = WitnessKeyFiles.Create("witness.test/b", dir.File("b"));
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o =>
        {
            o.WitnessPolicy = $"witness a {a.VerifierKey}\nwitness b {b.VerifierKey}\ngroup both all a b\nquorum both\n";
            o.HostedWitnesses["a"] = a.KeyPath;
            o.HostedWitnesses["b"] = b.KeyPath;
        });
        using var author = Ed25519KeyPair.Generate();
        // A model the cluster cannot re-run itself: only attestations can make it `reproduced`.
        var record = TestRecords.Make(author, 1, model: "remote-api-model");
        await node.Client.SubmitAsync(TestRecords.Bytes(record));
        await Eventually.Get(() => Tier(node, record.Id), t => t == "verified", "the record under a quorum checkpoint");

        using (var keyA = WitnessKeyFiles.Load(a.KeyPath))
            await node.Client.PostAttestationAsync(record.Id, new RecordAttestation(record.Id, "reproduced", "ledgercluster.local/shard/0", 0).Sign(keyA).Format());
        Assert.Equal("verified", await Tier(node, record.Id));

        using (var keyB = WitnessKeyFiles.Load(b.KeyPath))
            await node.Client.PostAttestationAsync(record.Id, new RecordAttestation(record.Id, "reproduced", "ledgercluster.local/shard/0", 0).Sign(keyB).Format());
        Assert.Equal("reproduced", await Tier(node, record.Id));
        await Eventually.Get(async () => await node.Client.GetLeaderboardAsync(),
            board => board.Items.Any(row => row is JObject r && r["record_id"] is JString { Value: var id } && id == record.Id
                && r["tier"] is JString { Value: "reproduced" }),
            "the board showing the record reproduced");
    }

    private static async Task<string> Tier(EmbeddedNode node, string id) => ((JString)(await node.Client.GetRecordAsync(id))!["tier"]!).Value;
}
