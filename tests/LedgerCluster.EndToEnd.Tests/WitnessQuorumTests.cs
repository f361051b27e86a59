using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A 2-of-3 witness policy with two external `ledger witness serve` processes and one witness hosted in the node:
/// records become `verified` only once two witnesses cosign, stay `signed` (and the gateway says why) while two are down.
/// </summary>
public sealed class WitnessQuorumTests
{
    private static async Task<JObject> Record(EmbeddedNode node, string id) => (await node.Client.GetRecordAsync(id))!;

    private static string Tier(JObject record) => ((JString)record["tier"]!).Value;

    private static string? TierOnBoard(JArray board, string id) => board.Items.OfType<JObject>()
        .Where(row => row["record_id"] is JString { Value: var rowId } && rowId == id)
        .Select(row => ((JString)row["tier"]!).Value)
        .SingleOrDefault();

    [Fact]
    public async Task Two_of_three_witnesses_make_records_verified_and_two_down_keep_them_signed_with_the_reason()
    {
        using var dir = new TempDirectory();
        var keys = new[] { "w1", "w2", "w3" }.Select(n => WitnessKeyFiles.Create($"witness.test/{n}", dir.File(n))).ToArray();
        var ports = EmbeddedNode.FreePorts(2);
        var policy = $"witness w1 {keys[0].VerifierKey} http://127.0.0.1:{ports[0]}\n" +
                     $"witness w2 {keys[1].VerifierKey} http://127.0.0.1:{ports[1]}\n" +
                     $"witness w3 {keys[2].VerifierKey}\n" +
                     "group two-of-three 2 w1 w2 w3\nquorum two-of-three\n";
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o =>
        {
            o.WitnessPolicy = policy;
            o.HostedWitnesses["w3"] = keys[2].KeyPath;
        });
        using var author = Ed25519KeyPair.Generate();
        var first = TestRecords.Make(author, 1);

        // Only the hosted witness is up: one cosignature of the two required.
        var submitted = await node.Client.SubmitAsync(TestRecords.Bytes(first));
        Assert.Equal("signed", submitted.Tier);
        // A finished round, not one in flight: the shortfall and both unreachable witnesses.
        var waiting = await Eventually.Get(() => Record(node, first.Id), r => r["tier_reason"] is JString { Value: var why }
                && why.Contains("has 1 of 2", StringComparison.Ordinal) && why.Contains("w2 unreachable", StringComparison.Ordinal),
            "the gateway naming the shortfall and the unreachable witnesses");
        Assert.Equal("signed", Tier(waiting));
        var reason = ((JString)waiting["tier_reason"]!).Value;
        Assert.Contains("has 1 of 2 cosignatures required by quorum two-of-three", reason, StringComparison.Ordinal);
        Assert.Contains("witness w1 unreachable", reason, StringComparison.Ordinal);
        Assert.Contains("witness w2 unreachable", reason, StringComparison.Ordinal);

        // Both external witnesses come up: the record becomes verified, and the served checkpoint carries the cosignatures.
        var shard = Assert.Single(await node.Client.GetShardsAsync());
        var w1 = await WitnessProcess.StartAsync(ports[0], dir.File("w1-state"), keys[0].KeyPath, [shard.VerifierKey]);
        var w2 = await WitnessProcess.StartAsync(ports[1], dir.File("w2-state"), keys[1].KeyPath, [shard.VerifierKey]);
        try
        {
            await Eventually.Get(() => Record(node, first.Id), r => Tier(r) == "verified", "the record becoming verified");
            var withLog = $"log {shard.VerifierKey}\n{policy}";
            var verdict = WitnessPolicy.Parse(withLog).VerifyCheckpoint(SignedNote.Parse(await node.Client.GetCheckpointAsync(0)));
            Assert.True(verdict.IsValid, verdict.Error);
            Assert.True(verdict.Cosignatures.Count >= 2);

            // The proof from the gateway verifies offline, witnesses included.
            await File.WriteAllBytesAsync(dir.File("first.json"), TestRecords.Bytes(first));
            await File.WriteAllTextAsync(dir.File("first.tlog-proof"), await node.Client.GetProofAsync(first.Id));
            await File.WriteAllTextAsync(dir.File("policy"), withLog);
            var offline = await Ledger("verify", dir.File("first.json"), "--proof", dir.File("first.tlog-proof"), "--policy", dir.File("policy"));
            Assert.Equal(0, offline.Code);
            Assert.Contains("Witnesses: ok", offline.Out, StringComparison.Ordinal);
            // The record page runs the same check with the node's policy.
            Assert.Contains("quorum two-of-three met", await node.Client.GetTextAsync($"records/{first.Id}"), StringComparison.Ordinal);
        }
        finally
        {
            await w1.DisposeAsync();
            await w2.DisposeAsync();
        }

        // Two witnesses down: a new record stays signed, the first stays verified.
        var second = TestRecords.Make(author, 2);
        Assert.Equal("signed", (await node.Client.SubmitAsync(TestRecords.Bytes(second))).Tier);
        var stuck = await Eventually.Get(() => Record(node, second.Id),
            r => r["tier_reason"] is JString { Value: var why } && why.Contains("1 of 2", StringComparison.Ordinal) && why.Contains("w2 unreachable", StringComparison.Ordinal),
            "the shortfall being reported for the new checkpoint");
        Assert.Equal("signed", Tier(stuck));
        Assert.Equal("verified", Tier(await Record(node, first.Id)));
        // The board says the same: the record not yet under a quorum checkpoint is `signed`.
        await Eventually.Get(async () => await node.Client.GetLeaderboardAsync(),
            board => TierOnBoard(board, second.Id) == "signed" && TierOnBoard(board, first.Id) == "verified",
            "the board showing the new record signed and the first verified");

        // One external witness back, on its kept state: quorum again.
        await using var again = await WitnessProcess.StartAsync(ports[0], dir.File("w1-state"), keys[0].KeyPath, [shard.VerifierKey]);
        await Eventually.Get(() => Record(node, second.Id), r => Tier(r) == "verified", "the second record becoming verified");
        // The board ranks a snapshot a few times a second, so it follows the record a moment later.
        var board = await Eventually.Get(async () => await node.Client.GetLeaderboardAsync(),
            b => TierOnBoard(b, second.Id) == "verified", "the board showing the second record verified");
        Assert.All(board.Items, row => Assert.Equal("verified", ((JString)((JObject)row)["tier"]!).Value));
    }
}
