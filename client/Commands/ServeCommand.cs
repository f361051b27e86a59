using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Silo;
using Microsoft.Extensions.Hosting;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger serve`: one embedded silo with its HTTP gateway and the durable SQLite store.</summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port", "-p") { Description = "HTTP gateway port", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "Address to bind (loopback by default)", DefaultValueFactory = _ => "127.0.0.1" };
        var data = new Option<string>("--data") { Description = "Data directory (SQLite store with the log, records and shard keys)", DefaultValueFactory = _ => "data" };
        var shards = new Option<int>("--shards") { Description = "Number of log shards (fixed for the life of a data directory)", DefaultValueFactory = _ => 4 };
        var siloPort = new Option<int>("--silo-port") { DefaultValueFactory = _ => 11111, Description = "Orleans silo-to-silo port" };
        var gatewayPort = new Option<int>("--gateway-port") { DefaultValueFactory = _ => 30000, Description = "Orleans client gateway port" };
        var verbose = new Option<bool>("--verbose") { Description = "Include Orleans' own information logs" };
        var storage = new Option<LedgerStorageKind>("--storage") { Description = "Where the log and state live: sqlite (under --data) or azure", DefaultValueFactory = _ => LedgerStorageKind.Sqlite };
        var azureConnection = new Option<string?>("--azure-connection") { Description = $"Azure Storage connection string for --storage azure (default: ${LedgerStorage.ConnectionVariable})" };
        var azurePrefix = new Option<string>("--azure-prefix") { Description = "Prefix of the Azure tables and containers", DefaultValueFactory = _ => "ledger" };
        var command = new Command("serve", "Run an embedded cluster node: silo, HTTP gateway and durable store")
        {
            port, host, data, shards, siloPort, gatewayPort, verbose, storage, azureConnection, azurePrefix,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new LedgerHostOptions
            {
                HttpPort = parse.GetValue(port), Host = parse.GetRequiredValue(host), DataDirectory = parse.GetRequiredValue(data),
                ShardCount = parse.GetValue(shards), SiloPort = parse.GetValue(siloPort), GatewayPort = parse.GetValue(gatewayPort),
                Verbose = parse.GetValue(verbose),
                Storage = parse.GetValue(storage), AzureConnectionString = parse.GetValue(azureConnection), AzureNamePrefix = parse.GetRequiredValue(azurePrefix),
            };
            await using var app = LedgerHost.Build(options);
            await app.StartAsync(cancel);
            console.Out.WriteLine($"LedgerCluster serving on http://{options.Host}:{options.HttpPort}/ ({(options.Storage == LedgerStorageKind.Azure ? $"Azure storage, prefix {options.AzureNamePrefix}" : $"data in {Path.GetFullPath(options.DataDirectory)}")}, {options.ShardCount} shards). Ctrl+C stops.");
            // The host's console lifetime turns Ctrl+C / SIGTERM into a graceful stop; wait for it.
            await app.WaitForShutdownAsync(cancel);
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }
}
