using LedgerCluster.Core.Crypto;
using LedgerCluster.Silo;
using LedgerCluster.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// The log's invariants (shard count, origin prefix, format) live with its data: `ledger serve` with another shard count
/// refuses in one line, `ledger fsck --data` reads the count from the store, and a store written before invariants were
/// kept adopts them from the shard keys it holds.
/// </summary>
public sealed class LogInvariantsTests
{
    [Fact]
    public async Task Serve_with_another_shard_count_refuses_in_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        await StoreWithRecordsAsync(data, shards: 4);

        var run = await Serve(dir, data, "2");
        AssertOneLineRefusal(run, $"{data}/ holds a 4-shard log (origin prefix ledgercluster.local/shard/, format 1); --shards 2 does not match");
    }

    [Fact]
    public async Task Fsck_data_reads_the_shard_count_from_the_store()
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        await StoreWithRecordsAsync(data, shards: 1);

        var fsck = await Ledger("fsck", "--data", data);
        Assert.True(fsck.Code == 0, fsck.Out + fsck.Err);
        Assert.Contains("fsck: clean: 1 shard", fsck.Out, StringComparison.Ordinal);
        var contradicted = await Ledger("fsck", "--data", data, "--shards", "4");
        Assert.Equal(2, contradicted.Code);
        Assert.Contains("holds a 1-shard log", contradicted.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_from_before_kept_invariants_adopts_them_from_its_shard_keys()
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        await StoreWithRecordsAsync(data, shards: 1);
        // As an earlier version left it: no meta row.
        await using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "ledger.db"), Pooling = false }.ToString()))
        {
            await db.OpenAsync();
            await using var cmd = db.CreateCommand();
            cmd.CommandText = "DELETE FROM meta WHERE name = 'invariants'";
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        var fsck = await Ledger("fsck", "--data", data);
        Assert.True(fsck.Code == 0, fsck.Out + fsck.Err);
        Assert.Contains("fsck: clean: 1 shard", fsck.Out, StringComparison.Ordinal);

        var run = await Serve(dir, data, "4");
        AssertOneLineRefusal(run, "holds a 1-shard log (origin prefix ledgercluster.local/shard/, format 1); --shards 4 does not match (adopted from the 1 shard keys");

        // The matching count adopts and keeps them.
        await using (await EmbeddedNode.StartAsync(data, shards: 1)) { }
        SqliteConnection.ClearAllPools();
        AssertOneLineRefusal(await Serve(dir, data, "4"), "holds a 1-shard log (origin prefix ledgercluster.local/shard/, format 1); --shards 4 does not match");
    }

    [AzuriteFact]
    public async Task Serve_on_azure_storage_with_another_shard_count_refuses_in_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        using var author = Ed25519KeyPair.Generate();
        var prefix = Azurite.UniqueName("inv");
        await using (var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 4, configure: o =>
        {
            o.Storage = StorageKind.Azure;
            o.AzureConnectionString = Azurite.ConnectionString;
            o.AzureNamePrefix = prefix;
        }))
        {
            Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(author, 1)))).Accepted);
        }
        var ports = EmbeddedNode.FreePorts(3);
        var run = await ScriptRun.Of(RepoPaths.LedgerApphost,
            ["serve", "--storage", "azure", "--azure-connection", Azurite.ConnectionString, "--azure-prefix", prefix, "--shards", "2",
                "--port", ports[0].ToString(), "--silo-port", ports[1].ToString(), "--gateway-port", ports[2].ToString()],
            new Dictionary<string, string> { ["LEDGER_HOME"] = dir.File("home") }, TimeSpan.FromSeconds(60));
        AssertOneLineRefusal(run, $"Azure storage prefix {prefix} holds a 4-shard log (origin prefix ledgercluster.local/shard/, format 1); --shards 2 does not match");
    }

    private static async Task StoreWithRecordsAsync(string data, int shards)
    {
        using var author = Ed25519KeyPair.Generate();
        await using (var node = await EmbeddedNode.StartAsync(data, shards: shards))
        {
            // Every shard answers once, so each has its key (as a served log has).
            Assert.Equal(shards, (await node.Client.GetShardsAsync()).Count);
            for (var i = 0; i < 4; i++) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(author, i)))).Accepted);
        }
        SqliteConnection.ClearAllPools();
    }

    private static Task<ScriptRun> Serve(TempDirectory dir, string data, string shards)
    {
        var ports = EmbeddedNode.FreePorts(3);
        return ScriptRun.Of(RepoPaths.LedgerApphost,
            ["serve", "--data", data, "--shards", shards, "--port", ports[0].ToString(), "--silo-port", ports[1].ToString(), "--gateway-port", ports[2].ToString()],
            new Dictionary<string, string> { ["LEDGER_HOME"] = dir.File("home") }, TimeSpan.FromSeconds(60));
    }

    private static void AssertOneLineRefusal(ScriptRun run, string reason)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}:\n{run.Output}");
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
