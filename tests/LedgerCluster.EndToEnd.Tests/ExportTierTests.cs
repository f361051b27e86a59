using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// One ledger holding records at all three logged tiers, each reached the real way: `reproduced` (cosigned and re-run by
/// the cluster), `verified` (cosigned), `signed` (its witness went down). Each `--min-tier` exports exactly its records.
/// </summary>
public sealed class ExportTierTests
{
    [Fact]
    public async Task Each_min_tier_exports_exactly_the_records_at_or_above_it()
    {
        using var dir = new TempDirectory();
        var witnessKey = WitnessKeyFiles.Create("witness.test/w", dir.File("w"));
        var witnessPort = EmbeddedNode.FreePort();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o =>
        {
            o.WitnessPolicy = $"witness w {witnessKey.VerifierKey} http://127.0.0.1:{witnessPort}\nquorum w\n";
            o.FixturesDirectory = BoardRecords.FixturesDirectory;
        });
        var shard = Assert.Single(await node.Client.GetShardsAsync());
        using var author = Ed25519KeyPair.Generate();
        var witness = await WitnessProcess.StartAsync(witnessPort, dir.File("w-state"), witnessKey.KeyPath, [shard.VerifierKey]);

        // Reproduced: a fixture run on a registered benchmark, which the cluster re-runs. Verified: a model it cannot re-run.
        var benchmark = BoardRecords.Load("world-rivers");
        await BoardRecords.RegisterAsync(node, benchmark);
        var reproduced = await BoardRecords.FixtureRunAsync(benchmark, author, "e2e");
        var verified = TestRecords.Make(author, 1);
        foreach (var record in new[] { reproduced, verified }) await node.Client.SubmitAsync(TestRecords.Bytes(record));
        await Eventually.Get(() => Tier(node, reproduced.Id), t => t == "reproduced", "the fixture record reproduced");
        await Eventually.Get(() => Tier(node, verified.Id), t => t == "verified", "the other record verified");

        // Signed: logged after the only quorum witness went down.
        await witness.DisposeAsync();
        var signed = TestRecords.Make(author, 2);
        await node.Client.SubmitAsync(TestRecords.Bytes(signed));
        await Eventually.Get(async () => (await node.Client.GetRecordAsync(signed.Id))!,
            view => view["tier_reason"] is JString { Value: var why } && why.Contains("unreachable", StringComparison.Ordinal), "the witness reported down");
        Assert.Equal("signed", await Tier(node, signed.Id));

        var expected = new Dictionary<string, RunRecord[]>
        {
            ["signed"] = [reproduced, verified, signed],
            ["verified"] = [reproduced, verified],
            ["reproduced"] = [reproduced],
        };
        foreach (var (tier, records) in expected)
        {
            var output = dir.File($"{tier}.jsonl");
            var export = await Ledger("export", "--format", "sft", "--gateway", node.Url, "--out", output, "--min-tier", tier);
            Assert.True(export.Code == 0, export.Err);
            var exported = File.ReadAllLines(output).Select(line => (JObject)JsonParser.Parse(line))
                .Select(example => (Id((JObject)example["metadata"]!, "record_id"), Id((JObject)example["metadata"]!, "task_id")))
                .ToHashSet();
            var want = records.SelectMany(r => r.Body.Results.Where(t => t.Passed).Select(t => (r.Id, t.TaskId))).ToHashSet();
            Assert.NotEmpty(want);
            Assert.Equal(want, exported);
        }
    }

    private static async Task<string> Tier(EmbeddedNode node, string id) => ((JString)(await node.Client.GetRecordAsync(id))!["tier"]!).Value;

    private static string Id(JObject metadata, string key) => ((JString)metadata[key]!).Value;
}
