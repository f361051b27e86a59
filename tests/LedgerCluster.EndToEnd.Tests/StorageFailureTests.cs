using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Issue 13 item 12: when the store refuses writes the gateway answers 503 `storage_unavailable` with `Retry-After` and a
/// one-line detail (never an empty 500, never a stack trace or a path), and `/health/ready` fails while writes fail and
/// recovers with them. Writes fail for real: see <see cref="ServeProcess"/> (the file-size limit works as root, where a
/// read-only chmod would not).
/// </summary>
public sealed class StorageFailureTests
{
    [Fact]
    public async Task Writes_refused_by_the_disk_answer_503_storage_unavailable_and_readiness_fails_until_they_succeed_again()
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        await using var serve = await ServeProcess.StartAsync(data);
        using var key = Ed25519KeyPair.Generate();
        var (first, second) = (TestRecords.Make(key, 1), TestRecords.Make(key, 2));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using (var accepted = await Post(http, serve.Url, TestRecords.Bytes(first)))
            Assert.True(accepted.IsSuccessStatusCode, $"{(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");

        serve.FailFileWrites();
        using (var refused = await Post(http, serve.Url, TestRecords.Bytes(second)))
            await AssertUnavailable(refused, "storage_unavailable", data);
        using (var notReady = await http.GetAsync(serve.Url + "/health/ready"))
            await AssertUnavailable(notReady, "storage_unavailable", data);

        // `ledger submit` during the outage keeps retrying (503 with Retry-After) and succeeds once writes do.
        var file = dir.File("second.json");
        await File.WriteAllBytesAsync(file, TestRecords.Bytes(second));
        var refusals = Refusals(serve.Output);
        var submit = LedgerRun.Ledger("submit", file, "--gateway", serve.Url);
        await Eventually.Get(() => Task.FromResult(Refusals(serve.Output)), n => n > refusals, "a refused attempt of ledger submit", seconds: 60);
        Assert.False(submit.IsCompleted, "ledger submit gave up while the store still refused writes");

        serve.AllowFileWrites();
        using (var ready = await http.GetAsync(serve.Url + "/health/ready"))
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}\n{serve.Output}");
        var (code, output, error) = await submit;
        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.Contains($"{second.Id} -> shard 0 index 1", output);
        using var client = new LedgerGatewayClient(serve.Url);
        Assert.Equal(2, (await client.GetShardsAsync()).Single().Size);
    }

    // The gateway logs each submission it refuses for storage (a pipe, so the log itself is not subject to the limit).
    private static int Refusals(string log) => log.Split("POST /v1/records answered 503 storage_unavailable").Length - 1;

    private static Task<HttpResponseMessage> Post(HttpClient http, string url, byte[] record)
    {
        var content = new ByteArrayContent(record);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return http.PostAsync(url + "/v1/records", content);
    }

    /// <summary>503, `Retry-After` in seconds, and `{error, detail}` whose detail is one line naming no path and no code.</summary>
    internal static async Task AssertUnavailable(HttpResponseMessage response, string error, string? privatePath = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: '{body}'");
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"503 without Retry-After seconds: {response.Headers}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
        var detail = json.RootElement.GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail), body);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain("   at ", detail);
        Assert.DoesNotContain(".cs", detail);
        if (privatePath is not null) Assert.DoesNotContain(privatePath, detail);
        Assert.DoesNotContain(RepoPaths.Root, detail);
    }
}
