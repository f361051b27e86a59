using System.Net;
using System.Text.Json;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Log;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The read APIs fsck uses (`entries`, `checkpoints`) and `ledger fsck --gateway` against a running node.</summary>
public sealed class FsckGatewayTests
{
    [Fact]
    public async Task Fsck_through_the_gateway_passes_and_the_entries_list_every_record_in_its_place()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, 30).Select(i => TestRecords.Make(key, i)).ToList();
        foreach (var r in records.Take(10)) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(r))).Accepted);
        Assert.All(await node.Client.SubmitBatchAsync(records.Skip(10).Select(TestRecords.Bytes)), s => Assert.True(s.Accepted));

        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await LedgerCli.RunAsync(["fsck", "--gateway", node.Url, "--json"], new CliConsole(o, e));
        Assert.True(code == 0, o + e.ToString());
        using var report = JsonDocument.Parse(o.ToString());
        Assert.Equal(30, report.RootElement.GetProperty("leaves").GetInt64());

        var listed = new List<string>();
        foreach (var shard in await node.Client.GetShardsAsync())
        {
            var entries = await node.Client.GetEntriesAsync(shard.Shard, 0, 1000);
            Assert.Equal(Enumerable.Range(0, (int)shard.Size).Select(i => (long)i), entries.Select(x => x.Index));
            Assert.All(entries, x => Assert.Equal(shard.Shard, ShardRouter.ShardOf(x.RecordId, 4)));
            listed.AddRange(entries.Select(x => x.RecordId));
            var checkpoints = await node.Client.GetCheckpointsAsync(shard.Shard);
            if (shard.Size > 0) Assert.Equal(shard.Size, checkpoints[^1].Size);
            // Paging: a page of one starting mid-shard.
            if (shard.Size > 1) Assert.Equal(entries[1], Assert.Single(await node.Client.GetEntriesAsync(shard.Shard, 1, 1)));
        }
        Assert.Equal(records.Select(r => r.Id).Order(), listed.Order());
    }

    [Theory]
    [InlineData("0/entries?from=-1", HttpStatusCode.BadRequest, "bad_range")]
    [InlineData("0/entries?from=1", HttpStatusCode.BadRequest, "bad_range")]
    [InlineData("0/entries?count=0", HttpStatusCode.BadRequest, "bad_range")]
    [InlineData("0/entries?count=1001", HttpStatusCode.BadRequest, "bad_range")]
    [InlineData("0/entries?from=abc", HttpStatusCode.BadRequest, "bad_range")]
    [InlineData("9/entries", HttpStatusCode.NotFound, "unknown_shard")]
    [InlineData("x/checkpoints", HttpStatusCode.NotFound, "unknown_shard")]
    public async Task Bad_ranges_and_shards_get_a_clear_error(string path, HttpStatusCode status, string error)
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{node.Url}/v1/shards/{path}");
        Assert.Equal(status, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
    }
}
