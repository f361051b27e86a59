using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`ledger submit`, `proof`, `verify --gateway` and `demo` against a running embedded node.</summary>
public sealed class GatewayCliTests
{
    [Fact]
    public async Task Submit_then_fetch_the_proof_and_verify_it_offline_and_through_the_gateway()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"));
        using var key = Ed25519KeyPair.Generate();
        var record = TestRecords.Make(key, 3);
        var file = dir.File("r.json");
        await File.WriteAllBytesAsync(file, TestRecords.Bytes(record));

        var submit = await Ledger("submit", file, "--gateway", node.Url);
        Assert.Equal(0, submit.Code);
        Assert.Contains($"{record.Id} -> shard", submit.Out, StringComparison.Ordinal);

        var proofPath = dir.File("r.tlog-proof");
        Assert.Equal(0, (await Ledger("proof", record.Id, "--gateway", node.Url, "--out", proofPath)).Code);
        var vkey = (await node.Client.GetShardsAsync()).Single(s => s.Shard == Core.Log.ShardRouter.ShardOf(record.Id, 4)).VerifierKey;
        var offline = await Ledger("verify", file, "--proof", proofPath, "--vkey", vkey);
        Assert.Equal(0, offline.Code);
        Assert.Contains("Inclusion: ok", offline.Out, StringComparison.Ordinal);

        var online = await Ledger("verify", file, "--gateway", node.Url);
        Assert.Equal(0, online.Code);
        Assert.Contains("Inclusion: ok", online.Out, StringComparison.Ordinal);

        var unknown = TestRecords.Make(key, 99);
        await File.WriteAllBytesAsync(dir.File("u.json"), TestRecords.Bytes(unknown));
        var notLogged = await Ledger("verify", dir.File("u.json"), "--gateway", node.Url);
        Assert.Equal(1, notLogged.Code);
        Assert.Contains("not in the log", notLogged.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await Ledger("proof", unknown.Id, "--gateway", node.Url)).Code);
    }

    [Fact]
    public async Task Submit_reports_refusals_and_unreachable_gateways()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"));
        await File.WriteAllTextAsync(dir.File("bad.json"), "{\"body\": {}}");
        var refused = await Ledger("submit", dir.File("bad.json"), "--gateway", node.Url);
        Assert.Equal(1, refused.Code);
        Assert.Contains("REFUSED 400 schema_violation", refused.Out, StringComparison.Ordinal);
        var down = await Ledger("submit", dir.File("bad.json"), "--gateway", $"http://127.0.0.1:{EmbeddedNode.FreePort()}");
        Assert.Equal(2, down.Code);
        Assert.Contains("unreachable", down.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_runs_signs_submits_witnesses_reproduces_and_verifies_every_bundled_record()
    {
        using var dir = new TempDirectory();
        var demo = await Ledger("demo", "--once", "--json", "--port", EmbeddedNode.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dir.File("data"));
        Assert.Equal(0, demo.Code);
        var json = (Core.Json.JObject)Core.Json.JsonParser.Parse(demo.Out);
        var records = (Core.Json.JArray)json["records"]!;
        Assert.Equal(4, records.Count);
        Assert.Equal(4, (long)((Core.Json.JInteger)json["verified"]!).Value);
        var board = (Core.Json.JArray)json["leaderboard"]!;
        Assert.Equal(4, board.Count);
        // Cosigned by both hosted witnesses and re-run by the cluster: every bundled record reaches the top tier.
        Assert.All(records.Items, r => Assert.Equal("reproduced", ((Core.Json.JString)((Core.Json.JObject)r)["tier"]!).Value));
        Assert.All(board.Items, r => Assert.Equal("reproduced", ((Core.Json.JString)((Core.Json.JObject)r)["tier"]!).Value));
    }
}
