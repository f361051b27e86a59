using System.Net;
using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;

namespace LedgerCluster.EndToEnd.Tests;

public sealed class BenchmarkEndpointTests
{
    [Fact]
    public async Task Register_read_back_and_refuse_a_changed_version()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        var benchmark = BenchmarkLoader.Load(Path.Combine(RepoPaths.Root, "benchmarks", "world-rivers"));
        var json = CanonicalJson.Serialize(BenchmarkJson.Write(benchmark));

        var registered = await http.PostAsync("/v1/benchmarks", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        using (var doc = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()))
            Assert.Equal(benchmark.ContentHash(), doc.RootElement.GetProperty("content_hash").GetString());

        var back = BenchmarkJson.Read(JsonParser.Parse(await http.GetStringAsync($"/v1/benchmarks/{benchmark.Id}/{benchmark.Version}")));
        Assert.Equal(benchmark.ContentHash(), back.ContentHash());
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/benchmarks", new StringContent(json))).StatusCode);

        var changed = json.Replace(benchmark.Tasks[0].Prompt, benchmark.Tasks[0].Prompt + " Please.", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/v1/benchmarks", new StringContent(changed))).StatusCode);
        Assert.Equal(benchmark.ContentHash(), BenchmarkJson.Read(JsonParser.Parse(await http.GetStringAsync($"/v1/benchmarks/{benchmark.Id}/{benchmark.Version}"))).ContentHash());

        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/v1/benchmarks", new StringContent("{\"id\": \"x\"}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/v1/benchmarks", new StringContent(json.Replace("\"exact_match\"", "\"vibes\"", StringComparison.Ordinal)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/benchmarks/nope/1")).StatusCode);
    }
}
