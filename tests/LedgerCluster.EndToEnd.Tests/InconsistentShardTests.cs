using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LedgerCluster.Core.Crypto;
using Microsoft.Data.Sqlite;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A shard restarted on a store whose leaves and latest signed checkpoint disagree (tampered with SQL, as fsck's tests do)
/// refuses to serve: every request reaching it answers 503 `shard_inconsistent` naming fsck's finding, readiness fails,
/// and it signs nothing on top of the bad store.
/// </summary>
public sealed class InconsistentShardTests
{
    public static TheoryData<string, string> Tamperings => new()
    {
        // The checkpoint still says size 6, but the leaves now hash to another root.
        { "UPDATE entries SET record_id = randomblob(32) WHERE idx = 2", "checkpoint_root" },
        // The latest leaf is gone: the checkpoint covers a leaf the store lacks.
        { "DELETE FROM entries WHERE idx = 5", "leaf_missing" },
        // The latest checkpoint is gone: the last leaves were never signed, as far as the store shows.
        { "DELETE FROM checkpoints WHERE size = 6", "unsigned_leaf" },
        // The checkpoint note's signature line was altered: it no longer verifies under the shard key.
        { "UPDATE checkpoints SET note = replace(note, '— ', '— x') WHERE size = 6", "checkpoint_signature" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_shard_whose_store_disagrees_with_its_latest_checkpoint_refuses_to_serve_and_names_the_problem(string tamper, string check)
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        using var author = Ed25519KeyPair.Generate();
        await using (var node = await EmbeddedNode.StartAsync(data, shards: 1))
        {
            for (var i = 0; i < 6; i++) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(author, i)))).Accepted);
        }
        SqliteConnection.ClearAllPools();
        await Sql(data, tamper);
        var checkpointsBefore = await Sql(data, "SELECT COUNT(*) FROM checkpoints");

        await using (var node = await EmbeddedNode.StartAsync(data, shards: 1))
        {
            using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
            foreach (var request in new Func<Task<HttpResponseMessage>>[]
            {
                () => http.GetAsync("v1/shards/0/checkpoint"),
                () => http.GetAsync("health/ready"),
                () => http.PostAsync("v1/records", new ByteArrayContent(TestRecords.Bytes(TestRecords.Make(author, 99)))),
            })
            {
                using var response = await request();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal("shard_inconsistent", body.RootElement.GetProperty("error").GetString());
                var detail = body.RootElement.GetProperty("detail").GetString()!;
                Assert.Contains("shard 0", detail, StringComparison.Ordinal);
                Assert.Contains(check, detail, StringComparison.Ordinal);
            }
        }
        SqliteConnection.ClearAllPools();
        // Nothing signed on top of the store it found inconsistent.
        Assert.Equal(checkpointsBefore, await Sql(data, "SELECT COUNT(*) FROM checkpoints"));
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
