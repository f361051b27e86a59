using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Grains.Log;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Issue 13 items 11-12: an exception that is neither the cluster's nor the storage's (a bug) is 500 with
/// `{error: "internal_error", detail}` and no `Retry-After`, never an empty body; the detail names the exception in one
/// line without a stack trace.
/// </summary>
public sealed class UnexpectedFailureTests
{
    [Fact]
    public async Task A_bug_behind_the_gateway_answers_500_internal_error_with_a_one_line_detail()
    {
        using var dir = new TempDirectory();
        var fault = new FailingSigner { Armed = true };
        await using var node = await EmbeddedNode.StartAsync(dir.Path, shards: 1,
            configure: o => o.ConfigureTestServices = services => services.AddSingleton<ICheckpointFault>(fault));
        using var key = Ed25519KeyPair.Generate();
        using var http = new HttpClient();
        var content = new ByteArrayContent(TestRecords.Bytes(TestRecords.Make(key, 1)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await http.PostAsync(node.Url + "/v1/records", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.InternalServerError, $"{(int)response.StatusCode} '{body}'");
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("internal_error", json.RootElement.GetProperty("error").GetString());
        var detail = json.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains($"InvalidOperationException: {FailingSigner.Message}", detail);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain("   at ", detail);
    }
}
