using System.Text.Json;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// After a restart the overall board reads the log once and hands each benchmark board its rows (boards keep only compact
/// rows): the boards must show exactly the rows they showed before, and keep taking new records.
/// </summary>
public sealed class BoardRestartTests
{
    [Fact]
    public async Task After_a_restart_every_board_shows_the_same_rows_and_takes_new_records()
    {
        using var dir = new TempDirectory();
        using var key = Ed25519KeyPair.Generate();
        string[] benchmarks = ["alpha", "beta"];
        var records = benchmarks.SelectMany(b => Enumerable.Range(0, 30).Select(n => TestRecords.OnBoard(key, b, n, passed: n % 5))).ToList();
        var before = new Dictionary<string, List<string>>();
        await using (var node = await EmbeddedNode.StartAsync(dir.Path))
        {
            Assert.All(await node.Client.SubmitBatchAsync(records.Select(TestRecords.Bytes)), s => Assert.True(s.Accepted));
            foreach (var benchmark in benchmarks) before[benchmark] = await SettledRowsAsync(node, benchmark, 30);
        }

        await using (var node = await EmbeddedNode.StartAsync(dir.Path))
        {
            foreach (var benchmark in benchmarks)
                Assert.Equal(before[benchmark], (await node.Client.GetLeaderboardRowsAsync(benchmark)).Select(Json));
            // New records reach the boards that came up from the handed-over rows.
            var more = Enumerable.Range(30, 3).Select(n => TestRecords.OnBoard(key, "alpha", n, passed: 4)).ToList();
            Assert.All(await node.Client.SubmitBatchAsync(more.Select(TestRecords.Bytes)), s => Assert.True(s.Accepted));
            await SettledRowsAsync(node, "alpha", 33);
            // Every row verified: the order is accuracy, then record id, over the old rows and the new ones alike.
            var expected = records.Where(r => r.Body.Benchmark.Id == "alpha").Concat(more)
                .OrderByDescending(r => r.Body.Aggregate.Accuracy).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id);
            Assert.Equal(expected, (await node.Client.GetLeaderboardRowsAsync("alpha")).Select(r => r.RecordId));
        }
    }

    // The board's rows once it holds `count` of them, all verified (boards rank a few times a second).
    private static async Task<List<string>> SettledRowsAsync(EmbeddedNode node, string benchmark, int count)
    {
        LeaderboardRow[] rows = [];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            rows = await node.Client.GetLeaderboardRowsAsync(benchmark);
            if (rows.Length == count && rows.All(r => r.Tier == "verified")) break;
            await Task.Delay(100);
        }
        Assert.Equal(count, rows.Length);
        return rows.Select(Json).ToList();
    }

    private static string Json(LeaderboardRow row) => JsonSerializer.Serialize(row, LedgerApiJson.Wire.LeaderboardRow);
}
