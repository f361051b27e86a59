using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A board read returns at most <c>BoardQuery.MaxLimit</c> (10,000) rows, 1,000 without `limit`, because rows below a
/// board's cached top are read from the log: an unbounded read of a large board would read the whole log. The client
/// pages through (`offset`), the groups are read without the rows, and an over-large `limit` is refused by name.
/// </summary>
public sealed class LeaderboardPagingTests
{
    private const int Records = 10_050;

    [Fact]
    public async Task Reads_are_bounded_and_the_client_pages_through_a_board_of_more_than_one_read()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, Records).Select(n => TestRecords.OnBoard(key, "paging", n, passed: n % 5)).ToList();
        foreach (var chunk in records.Chunk(1000))
            Assert.All(await node.Client.SubmitBatchAsync(chunk.Select(TestRecords.Bytes)), s => Assert.True(s.Accepted));

        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        // Every row on the board and witnessed (verified), so the order no longer moves between reads.
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var probe = await http.GetAsync("/v1/leaderboard?benchmark=paging&trust=true&offset=0&limit=1&format=json");
            if (Total(probe) == Records && (await http.GetFromJsonAsync($"/v1/leaderboard?benchmark=paging&offset={Records - 1}&limit=1", LedgerApiJson.Wire.LeaderboardRowArray))!
                    is [{ Tier: "verified" }]
                && (await http.GetFromJsonAsync("/v1/leaderboard?benchmark=paging&limit=1", LedgerApiJson.Wire.LeaderboardRowArray))! is [{ Tier: "verified" }])
                break;
            await Task.Delay(100);
        }

        using var unbounded = await http.GetAsync("/v1/leaderboard?benchmark=paging");
        Assert.Equal(HttpStatusCode.OK, unbounded.StatusCode);
        Assert.Equal(Records, Total(unbounded));
        var firstPage = (await unbounded.Content.ReadFromJsonAsync(LedgerApiJson.Wire.LeaderboardRowArray))!;
        Assert.Equal(1000, firstPage.Length);

        using var tooMany = await http.GetAsync("/v1/leaderboard?benchmark=paging&limit=10001");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        using var refusal = JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync());
        Assert.Equal("bad_query", refusal.RootElement.GetProperty("error").GetString());
        Assert.StartsWith("limit: at most 10000 rows a read, got 10001", refusal.RootElement.GetProperty("detail").GetString());

        var pages = new List<LeaderboardRow>();
        foreach (var offset in new[] { 0, 10_000 })
            pages.AddRange((await http.GetFromJsonAsync($"/v1/leaderboard?benchmark=paging&offset={offset}&limit=10000", LedgerApiJson.Wire.LeaderboardRowArray))!);
        Assert.Equal(Records, pages.Count);
        Assert.Equal(firstPage.Select(r => r.RecordId), pages.Take(1000).Select(r => r.RecordId));

        // The client reads the whole board a page at a time: the same rows in the same order, each record once.
        var all = await node.Client.GetLeaderboardRowsAsync("paging");
        Assert.Equal(pages.Select(r => r.RecordId), all.Select(r => r.RecordId));
        Assert.Equal(Enumerable.Range(1, Records), all.Select(r => r.Rank));
        Assert.Equal(records.Select(r => r.Id).Order(StringComparer.Ordinal), all.Select(r => r.RecordId).Order(StringComparer.Ordinal));
        Assert.Equal(Records, (await node.Client.GetLeaderboardAsync("paging")).Count);

        // The groups come without reading the rows, and cover the whole board without a limit.
        var group = Assert.Single(await node.Client.GetLeaderboardGroupsAsync("paging"));
        Assert.Equal((Records, all[0].RecordId), (group.Total, group.TopRecordId));
    }

    private static int Total(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Total-Count", out var values) ? int.Parse(values.Single()) : -1;
}
