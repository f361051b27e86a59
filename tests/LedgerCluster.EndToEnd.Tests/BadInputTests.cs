using System.Net;
using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>A corpus of hostile inputs: each gets its documented 4xx with `{error, detail}`, and nothing stored changes.</summary>
public sealed class BadInputTests
{
    public static IEnumerable<object[]> BadRecords()
    {
        using var key = Ed25519KeyPair.Generate();
        var good = Encoding.UTF8.GetString(TestRecords.Bytes(TestRecords.Make(key, 1)));
        string Replace(string find, string with) => good.Contains(find, StringComparison.Ordinal) ? good.Replace(find, with, StringComparison.Ordinal) : throw new InvalidOperationException(find);
        yield return ["malformed JSON", "{\"body\": ", 400, "malformed_json"];
        yield return ["not an object", "[1, 2]", 400, "schema_violation"];
        yield return ["unknown field", Replace("\"content_hash\"", "\"extra\": 1, \"content_hash\""), 400, "schema_violation"];
        yield return ["int where float is required", Replace("\"score\": 1.0", "\"score\": 1"), 400, "schema_violation"];
        yield return ["uppercase hex", Replace("\"signature\": \"", "\"signature\": \"A"), 400, "schema_violation"];
        yield return ["edited body", Replace("question 0 of run 1", "question 0 of run 2"), 422, "integrity_failed"];
        var sig = JsonDocument.Parse(good).RootElement.GetProperty("signature").GetProperty("signature").GetString()!;
        yield return ["forged signature", Replace(sig, (sig[0] == '0' ? "1" : "0") + sig[1..]), 422, "signature_invalid"];
        yield return ["duplicate key", Replace("\"content_hash\"", "\"envelope\": {}, \"content_hash\""), 400, "malformed_json"];
    }

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task Bad_record_is_refused_and_changes_nothing(string what, string body, int status, string error)
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        var before = await Sizes(node);
        using var http = new HttpClient();
        var response = await http.PostAsync($"{node.Url}/v1/records", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(status == (int)response.StatusCode, $"{what}: expected {status}, got {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(before, await Sizes(node));
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413_and_paths_are_checked()
    {
        using var dir = new TempDirectory();
        // An 8 MiB record limit (`--max-record-mib 8`), so a 10 MiB body is over it without sending the 64 MiB default.
        await using var node = await EmbeddedNode.StartAsync(dir.Path, configure: o => o.MaxRecordBytes = 8 * 1024 * 1024);
        using var http = new HttpClient();
        var big = new ByteArrayContent(new byte[10 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PostAsync($"{node.Url}/v1/records", big)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{node.Url}/v1/records/not-an-id")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{node.Url}/v1/records/{new string('A', 64)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{node.Url}/v1/records/{new string('a', 64)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{node.Url}/v1/records/{new string('a', 64)}/proof")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{node.Url}/v1/shards/9/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{node.Url}/v1/shards/-1/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{node.Url}/v1/shards/0/proof/inclusion?index=0&size=5")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{node.Url}/v1/shards/0/proof/inclusion")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{node.Url}/v1/shards/0/proof/consistency?from=3&to=1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync($"{node.Url}/v1/records:batch", new StringContent("\n\n"))).StatusCode);
    }

    [Fact]
    public async Task Batch_answers_each_line_in_order()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var good = TestRecords.Bytes(TestRecords.Make(key, 7));
        var results = await node.Client.SubmitBatchAsync([good, "{oops"u8.ToArray(), good, TestRecords.Bytes(TestRecords.Make(key, 8))]);
        Assert.Equal([200, 400, 200, 200], results.Select(r => r.Status));
        Assert.Equal(results[0].Index, results[2].Index);
        Assert.True(results[2].Duplicate);
        Assert.Contains("line 2", results[1].Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await Sizes(node)).Sum());
    }

    private static async Task<long[]> Sizes(EmbeddedNode node) => (await node.Client.GetShardsAsync()).Select(s => s.Size).ToArray();
}
