using System.Net;
using System.Text.Json;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Crypto;
using Microsoft.Data.Sqlite;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// The tile hashes kept beside the leaves (proofs are computed from them) are checked: a shard whose stored right edge
/// holds a wrong or missing one refuses to serve, as for a tampered leaf, and `ledger fsck --data` names any wrong one.
/// </summary>
public sealed class TreeHashTamperingTests
{
    [Theory]
    [InlineData("UPDATE tree_hashes SET hash = zeroblob(32) WHERE level = 1 AND idx = 1", "checkpoint_root")]
    [InlineData("DELETE FROM tree_hashes WHERE level = 1 AND idx = 1", "leaf_missing")]
    public async Task A_wrong_kept_tree_hash_stops_the_shard_and_fails_fsck(string tamper, string check)
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        using var author = Ed25519KeyPair.Generate();
        await using (var node = await EmbeddedNode.StartAsync(data, shards: 1))
        {
            // 600 leaves: two full tiles, whose roots are kept, and a partial one.
            var answers = await node.Client.SubmitBatchAsync(Enumerable.Range(0, 600).Select(i => TestRecords.Bytes(TestRecords.Make(author, i))));
            Assert.All(answers, a => Assert.True(a.Accepted));
        }
        SqliteConnection.ClearAllPools();
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await LedgerCli.RunAsync(["fsck", "--data", data], new CliConsole(o, e)));
        Assert.Equal(2, await Sql(data, "SELECT COUNT(*) FROM tree_hashes"));
        await Sql(data, tamper);

        await using (var node = await EmbeddedNode.StartAsync(data, shards: 1))
        {
            using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
            using var response = await http.GetAsync("v1/shards/0/checkpoint");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("shard_inconsistent", answer.RootElement.GetProperty("error").GetString());
            Assert.Contains(check, answer.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        SqliteConnection.ClearAllPools();
        (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(1, await LedgerCli.RunAsync(["fsck", "--data", data, "--json"], new CliConsole(o, e)));
        using var report = JsonDocument.Parse(o.ToString());
        var problem = report.RootElement.GetProperty("problem");
        Assert.Equal("tree_hash", problem.GetProperty("check").GetString());
        Assert.Equal(256, problem.GetProperty("index").GetInt64());
    }

    private static async Task<long> Sql(string data, string sql)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "ledger.db"), Pooling = false }.ToString());
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync() is long n ? n : 0;
    }
}
