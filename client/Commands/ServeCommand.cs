using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Silo;
using LedgerCluster.Silo.Gateway;
using Microsoft.Extensions.Hosting;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger serve`: one silo with its HTTP gateway and the durable store. Alone by default (localhost clustering);
/// with `--clustering redis` it joins every silo sharing the Redis membership and cluster id, and its gateway then
/// serves the whole cluster.
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port", "-p") { Description = "HTTP gateway port", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "Address to bind (loopback by default)", DefaultValueFactory = _ => "127.0.0.1" };
        var data = new Option<string>("--data") { Description = "Data directory (SQLite store with the log, records and shard keys)", DefaultValueFactory = _ => "data" };
        var storage = new Option<StorageKind>("--storage") { Description = "Where the log and state live: sqlite (under --data) or azure", DefaultValueFactory = _ => StorageKind.Sqlite };
        var shards = new Option<int>("--shards") { Description = "Number of log shards (fixed for the life of a data directory)", DefaultValueFactory = _ => 4 };
        var clustering = new Option<ClusteringKind>("--clustering")
        {
            Description = "Membership: localhost (one silo) or redis (many silos, none special)", DefaultValueFactory = _ => ClusteringKind.Localhost,
        };
        var redis = new Option<string?>("--redis")
        {
            Description = "Redis configuration for --clustering redis, e.g. 127.0.0.1:6379 (default: $LEDGER_REDIS)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LEDGER_REDIS"),
        };
        var siloPort = new Option<int>("--silo-port") { DefaultValueFactory = _ => 11111, Description = "Orleans silo-to-silo port" };
        var gatewayPort = new Option<int>("--gateway-port") { DefaultValueFactory = _ => 30000, Description = "Orleans client gateway port" };
        var advertise = new Option<string>("--advertise") { Description = "IP other silos reach this one at", DefaultValueFactory = _ => "127.0.0.1" };
        var clusterId = new Option<string>("--cluster-id") { Description = "Deployment name: silos with the same id form one cluster", DefaultValueFactory = _ => "local" };
        var serviceId = new Option<string>("--service-id") { Description = "Service name, stable across deployments", DefaultValueFactory = _ => "ledgercluster" };
        var kubernetes = new Option<bool>("--kubernetes")
        {
            Description = "Run as a Kubernetes pod: name, IP and ids from the pod (POD_NAME, POD_IP, labels); default: $LEDGER_KUBERNETES=1",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LEDGER_KUBERNETES") is "1" or "true",
        };
        var fixtures = new Option<string?>("--fixtures") { Description = "Folder of model fixture files, to reproduce fixture records (e.g. benchmarks/fixtures)" };
        var verbose = new Option<bool>("--verbose") { Description = "Include Orleans' own information logs" };
        var azureConnection = new Option<string?>("--azure-connection") { Description = $"Azure Storage connection string for --storage azure (default: ${LedgerStorage.ConnectionVariable})" };
        var azurePrefix = new Option<string>("--azure-prefix") { Description = "Prefix of the Azure tables and containers", DefaultValueFactory = _ => "ledger" };
        var witnessPolicy = new Option<string?>("--witness-policy") { Description = "Witness policy file (tlog-policy): records are verified only under checkpoints meeting its quorum" };
        var hostedWitness = new Option<string[]>("--hosted-witness")
        {
            Description = "Host a witness: NAME=KEYFILE (a `ledger witness keygen` key) or NAME (key kept in the store); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var attestor = new Option<string[]>("--attestor")
        {
            Description = "Trust this key's record attestations besides the policy witnesses': a verifier key or a .vkey file; repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxRecordMib = new Option<int>("--max-record-mib")
        {
            Description = "Largest record accepted, in MiB, on every route (each line of a batch too); larger ones get 413",
            DefaultValueFactory = _ => (int)(GatewayOptions.DefaultMaxRecordBytes / (1024 * 1024)),
        };
        var maxCheckpointAge = new Option<int>("--max-checkpoint-age")
        {
            Description = "Seconds a shard may go without signing a checkpoint while entries wait before /health/ready fails (503)",
            DefaultValueFactory = _ => (int)new GatewayOptions().MaxCheckpointAge.TotalSeconds,
        };
        var json = CommonOptions.Json();
        var command = new Command("serve", "Run a cluster node: silo, HTTP gateway and durable store")
        {
            port, host, data, storage, azureConnection, azurePrefix, shards, clustering, redis, siloPort, gatewayPort, advertise, clusterId, serviceId, kubernetes, fixtures, verbose,
            witnessPolicy, hostedWitness, attestor, maxRecordMib, maxCheckpointAge, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new LedgerHostOptions
            {
                HttpPort = parse.GetValue(port), Host = parse.GetRequiredValue(host), DataDirectory = parse.GetRequiredValue(data),
                Storage = parse.GetValue(storage), ShardCount = parse.GetValue(shards),
                Clustering = parse.GetValue(clustering), RedisConnectionString = parse.GetValue(redis),
                SiloPort = parse.GetValue(siloPort), GatewayPort = parse.GetValue(gatewayPort), AdvertisedAddress = parse.GetRequiredValue(advertise),
                ClusterId = parse.GetRequiredValue(clusterId), ServiceId = parse.GetRequiredValue(serviceId), Kubernetes = parse.GetValue(kubernetes),
                Verbose = parse.GetValue(verbose), FixturesDirectory = parse.GetValue(fixtures),
                AzureConnectionString = parse.GetValue(azureConnection), AzureNamePrefix = parse.GetRequiredValue(azurePrefix),
                MaxRecordBytes = MaxRecordBytes(parse.GetValue(maxRecordMib)),
                MaxCheckpointAge = MaxCheckpointAge(parse.GetValue(maxCheckpointAge)),
            };
            WitnessFlags.Apply(options, parse.GetValue(witnessPolicy), parse.GetValue(hostedWitness), parse.GetValue(attestor));
            if (options.FixturesDirectory is { } folder && !Directory.Exists(folder)) throw new CliException($"--fixtures: folder not found: {folder}");
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                ServePreflight.Check(options);
                await LedgerStorage.CheckInvariantsAsync(options, options.ShardCount, Core.Log.ShardOrigin.DefaultPrefix,
                    adopted: line => console.Error.WriteLine($"ledger: {line}"), cancel);
                app = LedgerHost.Build(options);
            }
            catch (Exception e) when (e is ArgumentException or StoreMismatchException) { throw new CliException(e.Message); }
            catch (Exception e) when (GatewayFailure.Of(e).Error == GatewayFailure.StorageUnavailable)
            {
                // The store cannot even be opened (its file's place taken, no permission, Azure unreachable): say so, not a stack trace.
                var store = options.Storage == StorageKind.Azure ? $"Azure storage (prefix {options.AzureNamePrefix})" : $"--data {options.DataDirectory}";
                throw new CliException($"{store}: the store cannot be opened: {GatewayFailure.Describe(e)}");
            }
            await using (new BoundedShutdown(app))
            {
                try { await app.StartAsync(cancel); }
                catch (StoreMismatchException e) { throw new CliException(e.Message); }
                catch (Exception e) when (AddressInUse(e) is { } taken)
                {
                    // Taken between the preflight probe and the bind.
                    throw new CliException($"address already in use: {taken}");
                }
                var cluster = options.Clustering == ClusteringKind.Redis ? $", cluster {options.ClusterId} via Redis, silo port {options.SiloPort}" : "";
                if (parse.GetValue(json))
                    console.WriteJson(new Core.Json.JObject
                    {
                        { "url", $"http://{options.Host}:{options.HttpPort}/" }, { "storage", options.Storage == StorageKind.Azure ? "azure" : "sqlite" },
                        { "data", options.Storage == StorageKind.Azure ? options.AzureNamePrefix : Path.GetFullPath(options.DataDirectory) },
                        { "shards", options.ShardCount }, { "clustering", options.Clustering == ClusteringKind.Redis ? "redis" : "localhost" },
                    });
                else console.Out.WriteLine($"LedgerCluster serving on http://{options.Host}:{options.HttpPort}/ ({(options.Storage == StorageKind.Azure ? $"Azure storage, prefix {options.AzureNamePrefix}" : $"data in {Path.GetFullPath(options.DataDirectory)}")}, {options.ShardCount} shard{(options.ShardCount == 1 ? "" : "s")}{cluster}). Ctrl+C stops.");
                // The host's console lifetime turns Ctrl+C / SIGTERM into a graceful stop; wait for it.
                await app.WaitForShutdownAsync(cancel);
                await app.StopAsync(CancellationToken.None);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static long MaxRecordBytes(int mib) => mib >= 1 && mib <= GatewayOptions.LargestMaxRecordBytes / (1024 * 1024)
        ? mib * 1024L * 1024
        : throw new CliException($"--max-record-mib: must be between 1 and {GatewayOptions.LargestMaxRecordBytes / (1024 * 1024)}, got {mib}");

    private static TimeSpan MaxCheckpointAge(int seconds) => seconds > 0
        ? TimeSpan.FromSeconds(seconds)
        : throw new CliException($"--max-checkpoint-age: must be a positive number of seconds, got {seconds}");

    private static string? AddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
                return e.Message;
        return null;
    }
}
