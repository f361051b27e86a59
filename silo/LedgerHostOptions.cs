namespace LedgerCluster.Silo;

/// <summary>How to run a silo with its co-hosted gateway. The defaults are the embedded single-silo profile.</summary>
public sealed class LedgerHostOptions
{
    /// <summary>Address the HTTP gateway binds to.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int HttpPort { get; set; } = 8080;

    /// <summary>Where the embedded SQLite store (log, records, keys, grain state) lives.</summary>
    public string DataDirectory { get; set; } = "data";

    public int ShardCount { get; set; } = 4;

    /// <summary>Where the log, records, keys and grain state live: the embedded SQLite file, or an Azure Storage account.</summary>
    public LedgerStorageKind Storage { get; set; } = LedgerStorageKind.Sqlite;

    /// <summary>For <see cref="LedgerStorageKind.Azure"/>: the storage account's connection string (default: $LEDGER_AZURE_CONNECTION).</summary>
    public string? AzureConnectionString { get; set; }

    /// <summary>For <see cref="LedgerStorageKind.Azure"/>: prefix of the tables and containers (lower-case letters and digits), so several ledgers can share an account.</summary>
    public string AzureNamePrefix { get; set; } = "ledger";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Submissions per second allowed per signing key.</summary>
    public int RecordsPerSecondPerKey { get; set; } = new Gateway.GatewayOptions().RecordsPerSecondPerKey;

    /// <summary>Log Orleans' own information messages too (off by default: they drown ours).</summary>
    public bool Verbose { get; set; }

    /// <summary>Log only warnings and errors, all to stderr: for a node hosted inside another command (`ledger bench`), whose stdout is its report.</summary>
    public bool QuietOnStandardError { get; set; }
}
