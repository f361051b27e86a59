using System.Net;
using System.Net.Sockets;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Silo;
using Microsoft.AspNetCore.Builder;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>An embedded node (silo + gateway + SQLite store) on free loopback ports, for one test.</summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedNode(WebApplication app, LedgerHostOptions options)
    {
        _app = app;
        Options = options;
        Url = $"http://127.0.0.1:{options.HttpPort}";
        Client = new LedgerGatewayClient(Url);
    }

    public LedgerHostOptions Options { get; }
    public string Url { get; }
    public LedgerGatewayClient Client { get; }

    public static async Task<EmbeddedNode> StartAsync(string dataDirectory, int shards = 4, int? recordsPerSecondPerKey = null, Action<LedgerHostOptions>? configure = null)
    {
        var options = new LedgerHostOptions
        {
            DataDirectory = dataDirectory, ShardCount = shards, HttpPort = FreePort(), SiloPort = FreePort(), GatewayPort = FreePort(),
        };
        if (recordsPerSecondPerKey is { } limit) options.RecordsPerSecondPerKey = limit;
        configure?.Invoke(options);
        var app = LedgerHost.Build(options);
        await app.StartAsync();
        return new EmbeddedNode(app, options);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
