using LedgerCluster.Grains;
namespace LedgerCluster.Silo;

/// <summary>How to run a silo with its co-hosted gateway. The defaults are the embedded single-silo profile.</summary>
public sealed class LedgerHostOptions
{
    /// <summary>Address the HTTP gateway binds to.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int HttpPort { get; set; } = 8080;

    /// <summary>Where the embedded SQLite store (log, records, keys, grain state) lives.</summary>
    public string DataDirectory { get; set; } = "data";

    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    public int ShardCount { get; set; } = 4;

    public ClusteringKind Clustering { get; set; } = ClusteringKind.Localhost;

    /// <summary>StackExchange.Redis configuration string for <see cref="ClusteringKind.Redis"/>, e.g. `127.0.0.1:6379`.</summary>
    public string? RedisConnectionString { get; set; }
    /// <summary>For <see cref="StorageKind.Azure"/>: the storage account's connection string (default: $LEDGER_AZURE_CONNECTION).</summary>
    public string? AzureConnectionString { get; set; }

    /// <summary>For <see cref="StorageKind.Azure"/>: prefix of the tables and containers (lower-case letters and digits), so several ledgers can share an account.</summary>
    public string AzureNamePrefix { get; set; } = "ledger";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP other silos reach this one at. Loopback by default (one machine); under Kubernetes the pod IP is used
    /// instead. Never a load-balanced Service address: each silo must be reachable as itself.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Names the deployment: silos with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "local";

    /// <summary>Names the service across deployments; keep it stable (storage providers may key state by it).</summary>
    public string ServiceId { get; set; } = "ledgercluster";

    /// <summary>
    /// Add Microsoft.Orleans.Hosting.Kubernetes: silo name, pod IP and cluster/service ids come from the pod
    /// (POD_NAME, POD_IP, POD_NAMESPACE, the orleans/clusterId and orleans/serviceId labels), and silos whose pods are
    /// gone are declared dead at once. It supplements <see cref="Clustering"/>, it does not replace it.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>Largest record the gateway accepts, in bytes, on every route (`ledger serve --max-record-mib`); a batch holds each line to it.</summary>
    public long MaxRecordBytes { get; set; } = Gateway.GatewayOptions.DefaultMaxRecordBytes;

    /// <summary>Longest a shard may go without signing while entries wait before readiness fails (`ledger serve --max-checkpoint-age`, seconds).</summary>
    public TimeSpan MaxCheckpointAge { get; set; } = new Gateway.GatewayOptions().MaxCheckpointAge;

    /// <summary>Submissions per second allowed per signing key.</summary>
    public int RecordsPerSecondPerKey { get; set; } = new Gateway.GatewayOptions().RecordsPerSecondPerKey;

    /// <summary>
    /// The witness policy (tlog-policy text). With one, records are `verified` only under a checkpoint whose cosignatures
    /// meet its quorum; without one, every signed checkpoint counts as witnessed.
    /// </summary>
    public string? WitnessPolicy { get; set; }

    /// <summary>
    /// Verifier keys (`name+hash+base64`) trusted to attest records besides the policy's witnesses: their attestation notes
    /// and their second signatures over logged bodies are kept; nobody else's are.
    /// </summary>
    public List<string> Attestors { get; } = [];

    /// <summary>Witnesses this node hosts (`POST /v1/witness/{name}/add-checkpoint`): name to key file, or null for a key kept in the store.</summary>
    public Dictionary<string, string?> HostedWitnesses { get; } = new(StringComparer.Ordinal);

    /// <summary>Test-only: extra service registrations (e.g. a checkpoint fault). Nothing in production sets it.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; set; }
    /// <summary>Folder of model fixture files this silo replays to reproduce `fixture:` records (null: only `echo` records are re-run).</summary>
    public string? FixturesDirectory { get; set; }

    /// <summary>Log Orleans' own information messages too (off by default: they drown ours).</summary>
    public bool Verbose { get; set; }

    /// <summary>Benchmark boards with more rows keep them in a file (in the data directory, or the temp folder on Azure) rather than memory.</summary>
    public int BoardRowsInMemory { get; set; } = LedgerOptions.DefaultBoardRowsInMemory;

    /// <summary>Log only warnings and errors, all to stderr: for a node hosted inside another command (`ledger bench`), whose stdout is its report.</summary>
    public bool QuietOnStandardError { get; set; }
}
