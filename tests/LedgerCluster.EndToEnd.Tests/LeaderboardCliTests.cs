using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`ledger leaderboard --gateway URL` in each format, and its input errors.</summary>
public sealed class LeaderboardCliTests
{
    [Fact]
    public async Task Reads_the_live_board_as_markdown_json_and_html_and_refuses_bad_arguments()
    {
        using var dir = new TempDirectory();
        await using var node = await BoardRecords.StartNodeAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var benchmark = BoardRecords.Load("world-rivers");
        await BoardRecords.RegisterAsync(node, benchmark);
        var run = await BoardRecords.FixtureRunAsync(benchmark, key);
        var other = TestRecords.Make(key, 2, model: "other");
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(run))).Error);
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(other))).Error);
        await BoardRecords.RecordWhenAsync(node, run.Id, r => r.GetProperty("tier").GetString() == "reproduced");
        await BoardRecords.BoardRowWhenAsync(node, run.Id, r => r.Tier == "reproduced");
        await BoardRecords.BoardRowWhenAsync(node, other.Id, r => r.Tier == "verified");

        var md = await Ledger("leaderboard", "--gateway", node.Url, "--trust");
        Assert.Equal(0, md.Code);
        // Grouped by benchmark, each group ranked on its own (a lone row is set apart: range "1").
        Assert.Contains($"| 1 | 1 | reproduced | 1.00 | world-rivers@{benchmark.Version} | mock:river-solver |", md.Out, StringComparison.Ordinal);
        Assert.Contains("| 1 | 1 | verified | 0.80 | e2e@1 | test:other |", md.Out, StringComparison.Ordinal);
        Assert.True(md.Out.IndexOf("e2e@1", StringComparison.Ordinal) < md.Out.IndexOf("world-rivers@", StringComparison.Ordinal), md.Out);

        var json = await Ledger("leaderboard", "--gateway", node.Url, "--format", "json", "--benchmark", "e2e");
        Assert.Equal(0, json.Code);
        var rows = Core.Json.JsonParser.Parse(json.Out) as Core.Json.JArray;
        Assert.Equal(other.Id, ((Core.Json.JString)((Core.Json.JObject)rows![0])["record_id"]!).Value);
        Assert.Equal(1, rows.Count);

        var html = await Ledger("leaderboard", "--gateway", node.Url, "--format", "html");
        Assert.Equal(0, html.Code);
        Assert.StartsWith("<!doctype html>", html.Out, StringComparison.Ordinal);
        Assert.Contains($"data-record-id=\"{run.Id}\"", html.Out, StringComparison.Ordinal);
        // A static copy: no script following the live stream.
        Assert.DoesNotContain("<script>", html.Out, StringComparison.Ordinal);

        // --top: the first rows only, in the same order.
        var top = await Ledger("leaderboard", "--gateway", node.Url, "--trust", "--format", "json", "--top", "1");
        Assert.Equal(0, top.Code);
        var first = (Core.Json.JArray)Core.Json.JsonParser.Parse(top.Out);
        Assert.Equal(1, first.Count);
        Assert.Equal(other.Id, ((Core.Json.JString)((Core.Json.JObject)first[0])["record_id"]!).Value);
        var zero = await Ledger("leaderboard", "--gateway", node.Url, "--top", "0");
        Assert.Equal(2, zero.Code);
        Assert.Contains("--top: expected a positive number of rows, got 0", zero.Err, StringComparison.Ordinal);

        Assert.Equal(2, (await Ledger("leaderboard")).Code);
        Assert.Equal(2, (await Ledger("leaderboard", "--gateway", node.Url, "--records", dir.Path)).Code);
        Assert.Equal(2, (await Ledger("leaderboard", "--gateway", "ftp://x")).Code);
        Assert.Equal(2, (await Ledger("leaderboard", "--gateway", node.Url, "--format", "pdf")).Code);
    }
}
