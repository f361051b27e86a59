using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>A board row has one JSON shape: `ledger leaderboard --records` (offline) writes what `GET /v1/leaderboard` serves.</summary>
public sealed class LeaderboardRowShapeTests
{
    [Fact]
    public async Task Offline_and_gateway_rows_of_the_same_records_have_the_same_fields_and_values()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1);
        using var key = Ed25519KeyPair.Generate();
        Directory.CreateDirectory(dir.File("records"));
        foreach (var record in new[] { TestRecords.Make(key, 1, model: "a"), TestRecords.Make(key, 2, model: "b") })
        {
            File.WriteAllText(dir.File($"records/{record.Id}.json"), record.ToFileText());
            Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Error);
        }

        // The board ranks a snapshot a few times a second: read it once it holds both records.
        foreach (var file in Directory.GetFiles(dir.File("records")))
            await BoardRecords.BoardRowWhenAsync(node, Path.GetFileNameWithoutExtension(file), r => r.Tier == "verified");
        var offline = await Ledger("leaderboard", "--records", dir.File("records"), "--format", "json");
        var online = await Ledger("leaderboard", "--gateway", node.Url, "--format", "json");
        Assert.Equal((0, 0), (offline.Code, online.Code));
        var (offlineRows, onlineRows) = (Rows(offline.Out), Rows(online.Out));
        Assert.Equal(2, offlineRows.Count);
        Assert.Equal(offlineRows.Count, onlineRows.Count);
        foreach (var (o, g) in offlineRows.Zip(onlineRows))
        {
            Assert.Equal(g.Keys.Order(StringComparer.Ordinal), o.Keys.Order(StringComparer.Ordinal));
            // Offline a record is `signed` (no proof beside it), online `verified`: every other field is the same.
            foreach (var field in g.Keys.Where(k => k is not ("tier" or "score")))
                Assert.True(CanonicalJson.Serialize(g[field]!) == CanonicalJson.Serialize(o[field]!), $"{field}: gateway {CanonicalJson.Serialize(g[field]!)}, offline {CanonicalJson.Serialize(o[field]!)}");
        }
    }

    private static List<JObject> Rows(string json) => ((JArray)JsonParser.Parse(json)).Items.Cast<JObject>().ToList();
}
