using System.Net;
using System.Net.Sockets;
using LedgerCluster.Silo;
using Microsoft.AspNetCore.Builder;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// A throwaway single-silo node for `ledger bench` without --gateway: free loopback ports, a fresh data
/// directory under the temp folder, and both removed when disposed. Its log is in SQLite there, or on the Azure
/// Storage account of <c>azureConnection</c> (the bench's own Azurite) when one is given.
/// </summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _keepData;

    private EmbeddedNode(WebApplication app, string dataDirectory, string url, bool keepData)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Url = url;
        _keepData = keepData;
    }

    public string Url { get; }

    public string DataDirectory { get; }

    public static Task<EmbeddedNode> StartAsync(int shards, CancellationToken cancel, string? azureConnection = null) =>
        StartAsync(shards, null, cancel, azureConnection);

    /// <summary>A node on <paramref name="dataDirectory"/> (kept when disposed, for a restart), or on a fresh one (removed).</summary>
    public static async Task<EmbeddedNode> StartAsync(int shards, string? dataDirectory, CancellationToken cancel, string? azureConnection = null)
    {
        var keep = dataDirectory is not null;
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ledger-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        var options = new LedgerHostOptions
        {
            Host = "127.0.0.1", HttpPort = FreePort(), SiloPort = FreePort(), GatewayPort = FreePort(),
            DataDirectory = data, ShardCount = shards, QuietOnStandardError = true,
        };
        if (azureConnection is not null)
        {
            options.Storage = StorageKind.Azure;
            options.AzureConnectionString = azureConnection;
            options.AzureNamePrefix = "bench" + Guid.NewGuid().ToString("N")[..12];
        }
        var app = LedgerHost.Build(options);
        try
        {
            await app.StartAsync(cancel);
        }
        catch
        {
            await app.DisposeAsync();
            if (!keep) DeleteQuietly(data);
            throw;
        }
        return new EmbeddedNode(app, data, $"http://127.0.0.1:{options.HttpPort}", keep);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _app.StopAsync(CancellationToken.None); }
        finally
        {
            await _app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!_keepData) DeleteQuietly(DataDirectory);
        }
    }

    // The OS picks a free port; another process could take it before the node binds, which is rare on loopback.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void DeleteQuietly(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
