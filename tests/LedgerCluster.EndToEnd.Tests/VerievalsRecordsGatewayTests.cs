using System.Net;
using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Through a real gateway: records verievals' SDK writes on purpose are logged (a grader's score=0.5, passed=True kept
/// verbatim; an extra aggregate metric), and a record whose aggregate its results contradict is logged too, ranked
/// self_reported with the contradiction named in its submission answer, its record and its board row.
/// </summary>
public sealed class VerievalsRecordsGatewayTests
{
    [Fact]
    public async Task Sdk_records_are_logged_and_a_contradiction_is_logged_as_self_reported_with_the_reason()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"));
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        using var key = Ed25519KeyPair.Generate();

        TaskResult[] graded = [new("t1", "Say hi", "hi there", null, 0.5, true), new("t2", "Say bye", "bye", "bye", 1.0, true), new("t3", "Count", "3", null, 0.25, false)];
        TaskResult[] greetings = [new("t1", "Say hi", "hi", "hi", 1.0, true), new("t2", "Say bye", "no", "bye", 0.0, false)];
        var verbatim = Sign(key, "custom-grader", graded, Aggregate.Of("exact_match", graded));
        var extraMetric = Sign(key, "greetings", greetings, new Aggregate("exact_match", 2, 0.5, 1.0) { OtherMetrics = [KeyValuePair.Create("f1", 0.8)] });
        var contradiction = Sign(key, "greetings", greetings, new Aggregate("exact_match", 2, 0.9, 1.0));

        foreach (var record in new[] { verbatim, extraMetric })
        {
            var (status, body) = await SubmitAsync(http, record);
            Assert.True(status == HttpStatusCode.OK, body.ToString());
            Assert.NotEqual("self_reported", body.GetProperty("tier").GetString());
        }
        var (contradictionStatus, answer) = await SubmitAsync(http, contradiction);
        Assert.Equal(HttpStatusCode.OK, contradictionStatus);
        Assert.Equal("self_reported", answer.GetProperty("tier").GetString());
        Assert.Equal("self-reported: aggregate accuracy 0.9 but results give 0.5", answer.GetProperty("tier_reason").GetString());

        var stored = JsonDocument.Parse(await http.GetStringAsync($"/v1/records/{contradiction.Id}")).RootElement;
        Assert.Equal("self_reported", stored.GetProperty("tier").GetString());

        var rows = await Eventually.Get(async () => JsonDocument.Parse(await http.GetStringAsync("/v1/leaderboard?trust=true")).RootElement,
            r => r.GetArrayLength() == 3, "three board rows");
        var last = rows[2];
        Assert.Equal(contradiction.Id, last.GetProperty("record_id").GetString());
        Assert.Equal("self_reported", last.GetProperty("tier").GetString());
        Assert.Equal("self-reported: aggregate accuracy 0.9 but results give 0.5", last.GetProperty("verdict").GetString());
        Assert.All(rows.EnumerateArray().Take(2), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("verdict").ValueKind));

        var markdown = await http.GetStringAsync("/v1/leaderboard?format=md");
        Assert.Contains($"- `{contradiction.Id[..12]}` (rank 3): self-reported: aggregate accuracy 0.9 but results give 0.5", markdown, StringComparison.Ordinal);
    }

    private static RunRecord Sign(Ed25519KeyPair key, string benchmark, IReadOnlyList<TaskResult> results, Aggregate aggregate) =>
        RunRecord.Create(new RecordBody(SchemaVersions.Verievals, "0.1.0", new BenchmarkRef(benchmark, "1.0", new string('b', 64)),
            new ModelInfo("local", "my-model", "1", new JObject()), new RunnerConfig(0, null), results, aggregate), key, "alice");

    private static async Task<(HttpStatusCode, JsonElement)> SubmitAsync(HttpClient http, RunRecord record)
    {
        using var content = new ByteArrayContent(TestRecords.Bytes(record));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/v1/records", content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }
}
