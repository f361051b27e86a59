using System.Net;
using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Records;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The hosted board on a real node: reproduction by the cluster, refusals, order, Markdown, pages, the event stream.</summary>
public sealed class LeaderboardEndpointTests
{
    [Fact]
    public async Task A_fixture_record_is_reproduced_an_altered_one_fails_visibly_and_stays_verified_a_tampered_one_is_refused()
    {
        using var dir = new TempDirectory();
        await using var node = await BoardRecords.StartNodeAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var benchmark = BoardRecords.Load("unit-conversions");
        await BoardRecords.RegisterAsync(node, benchmark);
        var honest = await BoardRecords.FixtureRunAsync(benchmark, key);
        var altered = BoardRecords.AlteredAndResigned(honest, key);

        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(honest))).Error);
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(altered))).Error);
        // The altered body under the honest record's hash and signature: integrity fails at the gateway.
        var tampered = TestRecords.Bytes(honest with { Body = altered.Body, BodyJson = altered.BodyJson });
        Assert.Equal(422, (await node.Client.SubmitAsync(tampered)).Status);

        var reproduced = await BoardRecords.RecordWhenAsync(node, honest.Id, r => r.GetProperty("tier").GetString() == "reproduced");
        Assert.Equal("reproduced", reproduced.GetProperty("tier").GetString());
        Assert.True(reproduced.GetProperty("reproduction").GetProperty("reproduced").GetBoolean());
        var failed = await BoardRecords.RecordWhenAsync(node, altered.Id, r => r.GetProperty("reproduction").ValueKind == JsonValueKind.Object);
        Assert.Equal("verified", failed.GetProperty("tier").GetString());
        Assert.False(failed.GetProperty("reproduction").GetProperty("reproduced").GetBoolean());
        Assert.Contains("(edited)", failed.GetProperty("reproduction").GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        var rows = await Eventually(async () => JsonDocument.Parse(await http.GetStringAsync("/v1/leaderboard?benchmark=unit-conversions")).RootElement,
            r => r.GetArrayLength() == 2 && r[0].GetProperty("tier").GetString() == "reproduced" && r[1].GetProperty("reproduction_failed").ValueKind == JsonValueKind.String);
        Assert.Equal([honest.Id, altered.Id], rows.EnumerateArray().Select(r => r.GetProperty("record_id").GetString()));
        Assert.Equal(["reproduced", "verified"], rows.EnumerateArray().Select(r => r.GetProperty("tier").GetString()));
        var wilson = rows[0].GetProperty("wilson").EnumerateArray().Select(w => w.GetDouble()).ToArray();
        Assert.True(wilson[0] < rows[0].GetProperty("accuracy").GetDouble() && rows[0].GetProperty("accuracy").GetDouble() < wilson[1]);

        var markdown = await http.GetStringAsync("/v1/leaderboard?format=md&benchmark=unit-conversions");
        Assert.Contains($"| 1 | reproduced | 1.00 | unit-conversions@{benchmark.Version} |", markdown, StringComparison.Ordinal);
        Assert.Contains($"`{altered.Id[..12]}`", markdown, StringComparison.Ordinal);

        var page = await http.GetStringAsync($"/records/{altered.Id}");
        Assert.Contains("FAILED", page, StringComparison.Ordinal);
        Assert.Contains($"/v1/records/{altered.Id}/proof", page, StringComparison.Ordinal);
        Assert.Contains("Inclusion</td><td><span class=\"badge ok\">ok", page, StringComparison.Ordinal);
        Assert.Contains("reproduction failed", await http.GetStringAsync("/?benchmark=unit-conversions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_logged_before_their_benchmark_is_registered_are_re_run_on_registration_and_pages_past_the_end_are_empty()
    {
        using var dir = new TempDirectory();
        await using var node = await BoardRecords.StartNodeAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var benchmark = BoardRecords.Load("world-rivers");
        var run = await BoardRecords.FixtureRunAsync(benchmark, key);
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(run))).Error);
        Assert.Equal("verified", (await BoardRecords.RecordWhenAsync(node, run.Id, r => r.GetProperty("tier").GetString() == "verified")).GetProperty("tier").GetString());

        await BoardRecords.RegisterAsync(node, benchmark);
        var after = await BoardRecords.RecordWhenAsync(node, run.Id, r => r.GetProperty("tier").GetString() == "reproduced");
        Assert.Equal("reproduced", after.GetProperty("tier").GetString());

        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        foreach (var (query, total) in new[] { ("/v1/leaderboard?offset=5", "1"), ("/v1/leaderboard?benchmark=no-such-benchmark", "0") })
        {
            using var response = await http.GetAsync(query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("[]", await response.Content.ReadAsStringAsync());
            Assert.Equal(total, response.Headers.GetValues("X-Total-Count").Single());
        }
    }

    [Fact]
    public async Task Page_and_record_page_escape_hostile_record_fields_and_refuse_bad_queries()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        const string hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        var body = TestRecords.Make(key, 1).Body;
        var record = RunRecord.Create(RecordBody.Create(body.Benchmark, body.Model with { Name = hostile }, body.Runner, body.Results, body.Aggregate.Scorer), key, hostile);
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Error);

        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        var board = await Eventually(() => http.GetStringAsync("/"), p => p.Contains(record.Id, StringComparison.Ordinal));
        var recordPage = await http.GetStringAsync($"/records/{record.Id}");
        foreach (var html in new[] { board, recordPage })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img", html, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/records/not-an-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/records/{new string('0', 64)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/v1/leaderboard?limit=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/v1/leaderboard?format=xml")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/v1/leaderboard?trust=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/?benchmark=" + new string('b', 300))).StatusCode);
    }

    [Fact]
    public async Task The_stream_sends_an_event_when_a_record_is_logged()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        using var http = new HttpClient { BaseAddress = new Uri(node.Url), Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.GetAsync("/v1/leaderboard/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        while (await reader.ReadLineAsync(cancel.Token) is { } line && line != ": connected") { }

        var record = TestRecords.Make(key, 7);
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Error);
        string? data = null;
        for (string? previous = null; await reader.ReadLineAsync(cancel.Token) is { } line; previous = line)
        {
            if (previous == "event: change" && line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(record.Id, StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
                break;
            }
        }
        using var change = JsonDocument.Parse(data!);
        Assert.Equal("added", change.RootElement.GetProperty("kind").GetString());
        Assert.Equal(record.Id, change.RootElement.GetProperty("entries")[0].GetProperty("record_id").GetString());
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var value = await read();
            if (done(value) || attempt == 300) return value;
            await Task.Delay(100);
        }
    }
}
