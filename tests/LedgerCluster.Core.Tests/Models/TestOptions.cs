using LedgerCluster.Core.Models;

namespace LedgerCluster.Core.Tests.Models;

/// <summary>Fast retries, a fake environment (never the real API keys) and the loopback server as base URL.</summary>
internal static class TestOptions
{
    public static ModelOptions For(string baseUrl, params (string Name, string Value)[] environment) => new()
    {
        BaseUrl = baseUrl,
        Retries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        Timeout = TimeSpan.FromSeconds(10),
        Environment = name => environment.FirstOrDefault(e => e.Name == name).Value,
    };
}
