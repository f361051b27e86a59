using System.CommandLine;
using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Client.Cli;

/// <summary>`--gateway URL`, shared by the commands that talk to a running cluster.</summary>
public static class GatewayOption
{
    public static Option<string> Create(bool required) => new("--gateway", "-g")
    {
        Description = "Gateway URL of a LedgerCluster node, e.g. http://127.0.0.1:8080",
        Required = required,
    };

    public static LedgerGatewayClient Connect(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new LedgerGatewayClient(url)
            : throw new CliException($"--gateway: '{url}' is not an http(s) URL");

    /// <summary>Runs a gateway call, turning an unreachable gateway into a one-line input error.</summary>
    public static async Task<T> Call<T>(string url, Func<Task<T>> call)
    {
        try { return await call(); }
        catch (HttpRequestException e) { throw new CliException($"gateway {url} is unreachable: {e.Message}"); }
        catch (TaskCanceledException) { throw new CliException($"gateway {url} did not answer in time"); }
    }
}
