using System.Text;
using LedgerCluster.Core.Crypto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Issue 13 item 11: a `--gateway` URL that answers, but not as a LedgerCluster gateway, is a one-line input error (exit 2)
/// naming what `GET /v1/shards` answered there, never "unexpected error: JsonReaderException". The other server is a real
/// HTTP server started here, answering every request the same way.
/// </summary>
public sealed class NotALedgerGatewayTests
{
    public static IEnumerable<object[]> OtherServers() =>
    [
        [404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>", "answered 404 text/html)"],
        [200, "text/html", "<!doctype html><html><body>Welcome to nginx!</body></html>", "answered 200 text/html)"],
        [500, "text/plain", "", "answered 500 text/plain)"],
        [200, "application/json", "{\"status\": \"ok\"}", "answered 200 application/json that is not a list of shards)"],
    ];

    [Theory]
    [MemberData(nameof(OtherServers))]
    public async Task Submit_and_leaderboard_against_another_server_are_one_line_errors_with_exit_2(int status, string contentType, string body, string answered)
    {
        await using var other = await StartOtherServerAsync(status, contentType, body);
        var url = other.Urls.Single();
        using var dir = new TempDirectory();
        using var key = Ed25519KeyPair.Generate();
        var file = dir.File("r.json");
        await File.WriteAllBytesAsync(file, TestRecords.Bytes(TestRecords.Make(key, 1)));

        // `leaderboard` prints the Markdown it is given; only a web page or a refusal gives the other server away there.
        List<string[]> commands = [["submit", file, "--gateway", url], ["submit", file, "--batch", "--gateway", url]];
        if (contentType != "application/json") commands.Add(["leaderboard", "--gateway", url]);
        foreach (var args in commands)
        {
            var (code, _, error) = await LedgerRun.Ledger(args);
            var command = string.Join(' ', args[..2]);
            Assert.True(code == 2, $"{command}: exit {code}, stderr: {error}");
            Assert.Equal($"ledger: {url} is not a LedgerCluster gateway (GET /v1/shards {answered}", error.TrimEnd('\n'));
        }
    }

    private static async Task<WebApplication> StartOtherServerAsync(int status, string contentType, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, Encoding.UTF8);
        });
        await app.StartAsync();
        return app;
    }
}
