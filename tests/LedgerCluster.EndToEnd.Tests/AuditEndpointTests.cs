using System.Net;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.EndToEnd.Tests;

public sealed class AuditEndpointTests
{
    [Fact]
    public async Task Paired_audit_of_two_logged_records_matches_the_offline_audit_and_names_truncation()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var (a, b) = (TokenLimitRun(key, 300), TokenLimitRun(key, 768));
        foreach (var r in new[] { a, b }) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(r))).Accepted);

        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        var online = (JObject)JsonParser.Parse(await http.GetStringAsync($"/v1/audit/paired?a={a.Id}&b={b.Id}&seed=3"));
        var offline = PairedAudit.Run(PairedInput.FromRecord(a, "A"), PairedInput.FromRecord(b, "B"), 3).ToJson();
        Assert.Equal(CanonicalJson.Serialize(offline), CanonicalJson.Serialize(online));
        Assert.Contains("max_tokens", ((JString)online["verdict"]!).Value, StringComparison.Ordinal);

        var md = await http.GetStringAsync($"/v1/audit/paired?a={a.Id}&b={b.Id}&format=md");
        Assert.Contains("<svg", md, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/v1/audit/paired?a={a.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"/v1/audit/paired?a={a.Id}&b=zz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/v1/audit/paired?a={a.Id}&b={new string('0', 64)}")).StatusCode);
    }

    // The story: at 300 tokens the baseline is cut off on a quarter of the items; at 768 it is not.
    private static RunRecord TokenLimitRun(Ed25519KeyPair key, int maxTokens)
    {
        var results = Enumerable.Range(0, 200).Select(i =>
        {
            var truncated = maxTokens == 300 && i % 4 == 0;
            var passed = !truncated && i % 5 != 1;
            return new TaskResult($"q{i}", $"question {i}", passed ? "42" : "…", "42", passed ? 1.0 : 0.0, passed,
                truncated ? "length" : "stop", truncated ? maxTokens : 120);
        }).ToList();
        var model = new ModelInfo("openai", "merged-7b", "1", new JObject { { "max_tokens", maxTokens }, { "temperature", 0.0 } });
        var body = RecordBody.Create(new BenchmarkRef("gsm8k", "test", new string('b', 64)), model, new RunnerConfig(0, null), results, "gsm8k");
        return RunRecord.Create(body, key);
    }
}
