using System.Net;
using System.Net.Sockets;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

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

    /// <summary>Every route the node serves, as ASP.NET Core mapped it.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

    /// <summary>The node's services: its routes (EndpointDataSource) for tests that hold them against the OpenAPI document.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<EmbeddedNode> StartAsync(string dataDirectory, int shards = 4, int? recordsPerSecondPerKey = null, Action<LedgerHostOptions>? configure = null)
    {
        // A free port can be taken by another process between our probe and the bind (test projects and services run
        // side by side): on that race, start again on fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(3);
            var options = new LedgerHostOptions
            {
                DataDirectory = dataDirectory, ShardCount = shards, HttpPort = ports[0], SiloPort = ports[1], GatewayPort = ports[2],
            };
            if (recordsPerSecondPerKey is { } limit) options.RecordsPerSecondPerKey = limit;
            configure?.Invoke(options);
            var app = LedgerHost.Build(options);
            try
            {
                await app.StartAsync();
                return new EmbeddedNode(app, options);
            }
            catch (Exception e) when (attempt < 5 && IsAddressInUse(e))
            {
                await app.DisposeAsync();
            }
        }
    }

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException") return true;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static int FreePort() => FreePorts(1)[0];

    /// <summary>Distinct free loopback ports: all probes stay open until every port is chosen.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
