using System.Net.Http.Json;
using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A benchmark board keeps full details only for its top <c>RankedSnapshot.CachedRows</c> (300) rows and reads deeper rows
/// from the log by position when a page asks for them: those pages must show exactly what a fresh full ranking shows.
/// </summary>
public sealed class BoardDeepPageTests
{
    private const int Records = 360;

    // In memory (the default for a board this small), and spilled to a row file as boards with many rows are.
    [Theory]
    [InlineData(LedgerCluster.Grains.LedgerOptions.DefaultBoardRowsInMemory)]
    [InlineData(0)]
    public async Task A_page_below_the_cached_top_returns_the_rows_of_a_fresh_full_ranking(int rowsInMemory)
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path, configure: o => o.BoardRowsInMemory = rowsInMemory);
        using var key = Ed25519KeyPair.Generate();
        // Five accuracies over 360 rows, so most rows tie on accuracy and the record id decides; every 7th row ran with
        // another max_tokens, so deep rows carry protocol warnings too.
        var records = Enumerable.Range(0, Records).Select(n => TestRecords.OnBoard(key, "deep", n, passed: n % 5, maxTokens: n % 7 == 0 ? 32 : 64)).ToList();
        foreach (var chunk in records.Chunk(100))
            Assert.All(await node.Client.SubmitBatchAsync(chunk.Select(TestRecords.Bytes)), s => Assert.True(s.Accepted));

        // The board ranks a few times a second; wait until every row is on it and verified.
        LeaderboardRow[] all = [];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            all = await node.Client.GetLeaderboardRowsAsync("deep");
            if (all.Length == Records && all.All(r => r.Tier == "verified")) break;
            await Task.Delay(100);
        }
        Assert.Equal(Records, all.Length);

        // The fresh full ranking: core's bounded board over every record, as `ledger leaderboard --records` ranks them.
        var byId = records.ToDictionary(r => r.Id);
        var expected = BoundedBoard<BoardRecord>.Rank(records.Select(r => BoardRecord.From(r, RecordStanding.Of(TrustTier.Verified))).ToList())
            .Lines.Select(line => LeaderboardRow.Of(line, (int)byId[line.Entrant.RecordId].Body.Aggregate.Passed, (int)byId[line.Entrant.RecordId].Body.Aggregate.NumTasks))
            .Select(Json).ToList();
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        foreach (var (offset, limit) in new[] { (320, 40), (299, 3), (100, 250), (0, Records) })
        {
            var page = await http.GetFromJsonAsync($"/v1/leaderboard?benchmark=deep&offset={offset}&limit={limit}", LedgerApiJson.Wire.LeaderboardRowArray);
            Assert.Equal(expected.Skip(offset).Take(limit), page!.Select(Json));
        }
        Assert.Equal(expected, all.Select(Json));
        // Deep rows are past the tested rows: placed by the order, warned about their protocol, without a rank range.
        Assert.Contains(all.Skip(300), r => r.ProtocolWarnings is ["max_tokens 32 vs 64"]);
        Assert.All(all.Skip(BoundedBoard.TestedRows), r => Assert.Null(r.RankRange));
        // A spilled board's row files are unlinked as soon as they are open: none is left to see in its folder.
        var spill = Path.Combine(dir.Path, "board-rows");
        Assert.Equal(rowsInMemory == 0, Directory.Exists(spill));
        if (Directory.Exists(spill)) Assert.Empty(Directory.GetFiles(spill));
    }

    private static string Json(LeaderboardRow row) => JsonSerializer.Serialize(row, LedgerApiJson.Wire.LeaderboardRow);
}
