using System.Globalization;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Runner;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Reproduction is durable and back-pressured: a few hundred deterministic records submitted at once, with the node
/// stopped while their re-runs are still due and started again, all end up `reproduced`, and the backlog `/metrics`
/// shows goes back to 0.
/// </summary>
public sealed class ReproductionBacklogTests
{
    private const int Records = 300;

    [Fact]
    public async Task Every_deterministic_record_submitted_under_load_is_reproduced_across_a_restart_and_the_backlog_drains_to_0()
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        var benchmark = BoardRecords.Load("unit-conversions");
        using var author = Ed25519KeyPair.Generate();
        // Distinct runs of the deterministic echo model: the seed is recorded, so each is its own record.
        var records = await Task.WhenAll(Enumerable.Range(0, Records).Select(async seed =>
            RunRecord.Create(await EvalRunner.RunAsync(benchmark, new EchoModel(), new RunOptions { Seed = seed }), author, "load")));

        await using (var node = await StartAsync(data))
        {
            await BoardRecords.RegisterAsync(node, benchmark);
            // Concurrent batches and single submissions, as fast as the node takes them.
            var batches = records.Take(Records / 2).Chunk(50).Select(chunk => node.Client.SubmitBatchAsync(chunk.Select(TestRecords.Bytes)));
            var singles = records.Skip(Records / 2).Select(r => node.Client.SubmitAsync(TestRecords.Bytes(r)));
            foreach (var batch in await Task.WhenAll(batches)) Assert.All(batch, s => Assert.True(s.Accepted, s.Error));
            Assert.All(await Task.WhenAll(singles), s => Assert.True(s.Accepted, s.Error));
        }

        // Whatever was still due at the stop is resumed from the log.
        await using (var node = await StartAsync(data))
        {
            var board = await Eventually.Get(() => node.Client.GetLeaderboardAsync(),
                rows => rows.Items.Count(row => ((JObject)row)["tier"] is JString { Value: "reproduced" }) == Records,
                $"all {Records} records reproduced", seconds: 300);
            Assert.Equal(records.Select(r => r.Id).Order(), board.Items.Select(row => ((JString)((JObject)row)["record_id"]!).Value).Order());
            var backlog = await Eventually.Get(() => Backlog(node), total => total == 0, "the reproduction backlog at 0", seconds: 60);
            Assert.Equal(0, backlog);
        }
    }

    private static Task<EmbeddedNode> StartAsync(string data) =>
        EmbeddedNode.StartAsync(data, recordsPerSecondPerKey: 100_000, configure: o => o.FixturesDirectory = BoardRecords.FixturesDirectory);

    // The sum over shards of `ledger_reproduction_backlog`; the gauge must be there, one sample per shard.
    private static async Task<long> Backlog(EmbeddedNode node)
    {
        using var http = new HttpClient();
        var samples = (await http.GetStringAsync(node.Url + "/metrics")).Split('\n')
            .Where(line => line.StartsWith("ledger_reproduction_backlog{", StringComparison.Ordinal)).ToList();
        Assert.Equal(node.Options.ShardCount, samples.Count);
        return samples.Sum(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
