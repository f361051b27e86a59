using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Issue 15 on a real node: boards per benchmark content hash with rank ranges from the paired tests, protocol warnings,
/// the power line, the overall view grouped by benchmark, "compare with #1", and the live stream's ranks.
/// </summary>
public sealed partial class BenchmarkBoardEndpointTests
{
    [CaseStudyFact]
    public async Task Case_study_rows_share_a_rank_range_a_max_tokens_variant_is_warned_and_a_clearly_better_model_stands_alone()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var (instruct, winner) = (CaseStudyRecords.Instruct(key), CaseStudyRecords.Winner(key));
        var shortRun = CaseStudyRecords.InstructAt(key, maxNewTokens: 300);
        var better = CaseStudyRecords.AllRight(key);
        foreach (var record in new[] { instruct, winner, shortRun, better }) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);
        foreach (var record in new[] { instruct, winner, shortRun, better }) await BoardRecords.BoardRowWhenAsync(node, record.Id, r => r.Tier == "verified", "gsm8k");
        var rows = (await node.Client.GetLeaderboardRowsAsync("gsm8k")).ToDictionary(r => r.RecordId);
        Assert.Equal(4, rows.Count);

        // The constructed model is right on every item the others missed: the tests set it apart.
        Assert.Equal([1, 1], rows[better.Id].RankRange!);
        // Instruct and the winner (exact p 0.894) are not told apart: the same range, below the better model.
        Assert.Equal(rows[instruct.Id].RankRange, rows[winner.Id].RankRange);
        Assert.Equal(2, rows[instruct.Id].RankRange![0]);
        Assert.True(rows[instruct.Id].RankRange![1] > 2);
        Assert.All(rows.Values, r => Assert.Equal(instruct.Body.Benchmark.ContentHash, r.BenchmarkHash));

        // Only max_new_tokens differs: the board names it on that row, and only there.
        Assert.Equal(["max_tokens 300 vs 768"], rows[shortRun.Id].ProtocolWarnings!);
        Assert.NotEqual(rows[instruct.Id].Protocol, rows[shortRun.Id].Protocol);
        Assert.All(new[] { instruct, winner, better }, r => Assert.Empty(rows[r.Id].ProtocolWarnings!));
        Assert.All(rows.Values, r => Assert.Equal("not_recorded", r.TruncationMethod)); // the logs keep no finish reasons

        // The board's power line: the median pair's items and the smallest difference it detects.
        var group = Assert.Single(await node.Client.GetLeaderboardGroupsAsync("gsm8k"));
        Assert.Equal(better.Id, group.TopRecordId);
        Assert.InRange(group.Power.N, 199, 200);
        Assert.NotNull(group.Power.MinDetectableDiff);

        // The page shows ranges, the warning and the power line, and each row links to its comparison with #1, which opens.
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        var page = await http.GetStringAsync("/?benchmark=gsm8k");
        Assert.Contains("<span class=\"rank-range\" data-rank-range=\"1-1\" title=\"ranks consistent with the paired tests\">1</span>", page, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"rank-range\" data-rank-range=\"2-{rows[winner.Id].RankRange![1]}\" title=\"ranks consistent with the paired tests\">2-{rows[winner.Id].RankRange![1]}</span>", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"protocol-warning\">max_tokens 300 vs 768</li>", page, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"group-power\"", page, StringComparison.Ordinal);
        var links = CompareLink().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(3, links.Count);
        Assert.Contains($"/compare?a={winner.Id}&b={better.Id}", links);
        foreach (var link in links)
        {
            using var compare = await http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, compare.StatusCode);
            Assert.Contains("<table id=\"paired-table\">", await compare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_overall_view_groups_benchmarks_each_ranked_on_its_own_and_pages_across_groups()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        // "alpha" sorts first; its rows are worse than beta's, so one list across benchmarks would put beta's on top.
        var alpha = Enumerable.Range(0, 3).Select(n => Make(key, "alpha", n, passed: n)).ToList();
        var beta = Enumerable.Range(0, 2).Select(n => Make(key, "beta", n, passed: 3 + n)).ToList();
        foreach (var record in alpha.Concat(beta)) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);
        foreach (var record in alpha.Concat(beta)) await BoardRecords.BoardRowWhenAsync(node, record.Id, r => r.Tier == "verified");

        var rows = await node.Client.GetLeaderboardRowsAsync();
        Assert.Equal(["alpha@1", "alpha@1", "alpha@1", "beta@1", "beta@1"], rows.Select(r => r.Benchmark));
        Assert.Equal([1, 2, 3, 1, 2], rows.Select(r => r.Rank));
        Assert.Equal([beta[1].Id, beta[0].Id], rows[3..].Select(r => r.RecordId));
        var groups = await node.Client.GetLeaderboardGroupsAsync();
        Assert.Equal(["alpha@1", "beta@1"], groups.Select(g => g.Benchmark));
        Assert.Equal([3, 2], groups.Select(g => g.Total));

        // A page that starts inside the first group and ends inside the second: the slices of both boards, and their groups.
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        using var response = await http.GetAsync("/v1/leaderboard?offset=2&limit=2");
        Assert.Equal("5", response.Headers.GetValues("X-Total-Count").Single());
        var slice = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal([rows[2].RecordId, rows[3].RecordId], slice.EnumerateArray().Select(r => r.GetProperty("record_id").GetString()));
        var sliceGroups = JsonDocument.Parse(await http.GetStringAsync("/v1/leaderboard/groups?offset=2&limit=2")).RootElement;
        Assert.Equal(2, sliceGroups.GetArrayLength());

        var page = await http.GetStringAsync("/");
        Assert.Equal(2, Regex.Count(page, "<tr class=\"group-head\""));
        Assert.True(page.IndexOf("<span class=\"group-title\">alpha@1</span>", StringComparison.Ordinal) < page.IndexOf("<span class=\"group-title\">beta@1</span>", StringComparison.Ordinal));
        // The benchmark selector still picks one benchmark's board.
        Assert.Equal([beta[1].Id, beta[0].Id], (await node.Client.GetLeaderboardRowsAsync("beta")).Select(r => r.RecordId));
    }

    [Fact]
    public async Task The_stream_carries_the_rank_on_the_followed_board_and_tells_each_record_state_once()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        using var http = new HttpClient { BaseAddress = new Uri(node.Url), Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var overall = await OpenStreamAsync(http, "/v1/leaderboard/stream", cancel.Token);
        var followed = await OpenStreamAsync(http, "/v1/leaderboard/stream?benchmark=beta", cancel.Token);

        // alpha's rows are better than beta's: ranked in one list, beta's best would be 3rd.
        var alpha = new[] { Make(key, "alpha", 0, passed: 3), Make(key, "alpha", 1, passed: 3) };
        foreach (var record in alpha) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);
        await BoardRecords.BoardRowWhenAsync(node, alpha[1].Id, r => r.Tier == "verified");
        var beta = Make(key, "beta", 0, passed: 1);
        Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(beta))).Accepted);
        // A last record, logged after the others settled: once the stream shows it verified, everything before it was told.
        await BoardRecords.BoardRowWhenAsync(node, beta.Id, r => r.Tier == "verified");
        var marker = Make(key, "beta", 1, passed: 0);
        Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(marker))).Accepted);

        var followedEvents = await ReadUntilAsync(followed, marker.Id, cancel.Token);
        var overallEvents = await ReadUntilAsync(overall, marker.Id, cancel.Token);
        // The followed board's rank, whichever stream: beta's row is 1st on beta's board.
        foreach (var events in new[] { followedEvents, overallEvents })
        {
            var betaRows = events.SelectMany(e => e.Entries).Where(r => r.RecordId == beta.Id).ToList();
            Assert.NotEmpty(betaRows);
            Assert.All(betaRows, r => Assert.Equal(1, r.Rank));
            // The event's total is beta's board (1 or 2 rows as the marker arrives), not the 3 or 4 rows of every benchmark.
            Assert.All(events.Where(e => e.Entries.Any(r => r.RecordId == beta.Id)), e => Assert.InRange(e.Total, 1, 2));
        }
        Assert.DoesNotContain(followedEvents.SelectMany(e => e.Entries), r => r.Benchmark != "beta@1");
        // Each record is `added` once, and a `tier` event comes only with a tier it did not have: no state is told twice.
        foreach (var record in alpha.Append(beta))
        {
            var told = overallEvents.SelectMany(e => e.Entries.Where(r => r.RecordId == record.Id).Select(r => (e.Kind, r.Tier))).ToList();
            Assert.Equal(1, told.Count(t => t.Kind == "added"));
            Assert.Equal(told.Count, told.Select(t => t.Tier).Distinct().Count());
        }
    }

    [Fact]
    public async Task A_board_collected_while_idle_answers_its_first_read_with_every_row()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, 3).Select(n => Make(key, "gamma", n, passed: n + 1)).ToList();
        foreach (var record in records) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);
        foreach (var record in records) await BoardRecords.BoardRowWhenAsync(node, record.Id, r => r.Tier == "verified", "gamma");

        // Orleans deactivates idle grains; every board comes back from the log and must rank before it answers.
        var management = node.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var rows = await node.Client.GetLeaderboardRowsAsync("gamma");
        Assert.Equal(records.Select(r => r.Id).Reverse(), rows.Select(r => r.RecordId));
        Assert.All(rows, r => Assert.NotNull(r.RankRange));
    }

    private static RunRecord Make(Ed25519KeyPair key, string benchmark, int n, int passed)
    {
        var results = Enumerable.Range(0, 4).Select(i => new TaskResult($"t{i}", $"q{i}", i < passed ? "1" : "0", "1", i < passed ? 1.0 : 0.0, i < passed)).ToList();
        var body = RecordBody.Create(new BenchmarkRef(benchmark, "1", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(benchmark)))),
            new ModelInfo("test", $"{benchmark}-model-{n}", "1", new JObject { { "max_tokens", 64 } }), new RunnerConfig(n, null), results, "exact_match");
        return RunRecord.Create(body, key, "board-e2e");
    }

    private static async Task<StreamReader> OpenStreamAsync(HttpClient http, string path, CancellationToken cancel)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
        while (await reader.ReadLineAsync(cancel) is { } line && line != ": connected") { }
        return reader;
    }

    // Every change event up to the one that shows the record verified.
    private static async Task<List<BoardChangeEvent>> ReadUntilAsync(StreamReader reader, string recordId, CancellationToken cancel)
    {
        var events = new List<BoardChangeEvent>();
        for (string? previous = null; await reader.ReadLineAsync(cancel) is { } line; previous = line)
        {
            if (previous != "event: change" || !line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var change = JsonSerializer.Deserialize(line["data: ".Length..], LedgerApiJson.Default.BoardChangeEvent)!;
            events.Add(change);
            if (change.Entries.Any(r => r.RecordId == recordId && r.Tier == "verified")) return events;
        }
        return events;
    }

    [GeneratedRegex("<a class=\"compare-top\" href=\"([^\"]+)\">compare with #1</a>")]
    private static partial Regex CompareLink();
}
