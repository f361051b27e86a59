using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Storage.Azure;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace LedgerCluster.Silo;

/// <summary>
/// The storage switch: the log store every shard writes to and the grain storage every grain persists in,
/// both on the embedded SQLite file or both on one Azure Storage account.
/// </summary>
public static class LedgerStorage
{
    public const string ConnectionVariable = "LEDGER_AZURE_CONNECTION";

    /// <summary>The resolved Azure account and the names of the tables and containers the ledger uses in it.</summary>
    public sealed record Azure(string ConnectionString, string LogTable, string LogContainer, string GrainTable, string GrainContainer);

    public static IServiceCollection AddLedgerStorage(this IServiceCollection services, LedgerHostOptions options)
    {
        switch (options.Storage)
        {
            case StorageKind.Sqlite:
                var database = SqlitePath(options.DataDirectory);
                // Created by the container so it is disposed (its writing connection closed) when the host stops.
                services.AddSingleton<ILogStore>(_ => new SqliteLogStore(database));
                services.AddGrainStorage(StorageNames.Ledger, (sp, _) => new SqliteGrainStorage(database, sp.GetRequiredService<Serializer>()));
                return services;
            case StorageKind.Azure:
                var azure = AzureSettings(options)!;
                services.AddSingleton<ILogStore>(_ => new AzureLogStore(azure.ConnectionString, azure.LogTable, azure.LogContainer));
                services.AddLedgerAzureTableGrainStorage(StorageNames.Ledger, o => o.Configure<Serializer>((settings, serializer) =>
                {
                    settings.UseConnectionString(azure.ConnectionString);
                    settings.TableName = azure.GrainTable;
                    settings.ContainerName = azure.GrainContainer;
                    // The same Orleans binary format as the SQLite provider.
                    settings.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
                return services;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Storage, "unknown storage kind");
        }
    }

    /// <summary>
    /// Holds the store a node would serve to the log's invariants before anything starts (keeping them on first start):
    /// throws <see cref="StoreMismatchException"/> with one line naming both logs.
    /// </summary>
    public static async Task CheckInvariantsAsync(LedgerHostOptions options, int shardCount, string originPrefix, Action<string>? adopted, CancellationToken cancel)
    {
        var store = options.Storage == StorageKind.Azure
            ? new AzureLogStore(AzureSettings(options)!.ConnectionString, AzureSettings(options)!.LogTable, AzureSettings(options)!.LogContainer)
            : (ILogStore)new SqliteLogStore(SqlitePath(options.DataDirectory));
        try
        {
            await LogInvariantsGuard.EnsureAsync(store, Core.Log.LogInvariants.Current(shardCount, originPrefix), StoreDescription.Of(options).Text, adopted, cancel);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    /// <summary>The SQLite file of a data directory (also what `ledger fsck --data` opens).</summary>
    public static string SqlitePath(string dataDirectory) => Path.GetFullPath(Path.Combine(dataDirectory, "ledger.db"));

    /// <summary>Null for SQLite; for Azure the resolved connection string and names, or an error naming what is missing.</summary>
    public static Azure? AzureSettings(LedgerHostOptions options)
    {
        if (options.Storage != StorageKind.Azure) return null;
        var connection = options.AzureConnectionString;
        if (string.IsNullOrWhiteSpace(connection)) connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
            throw new ArgumentException($"Azure storage needs a connection string (--azure-connection or ${ConnectionVariable})");
        var prefix = options.AzureNamePrefix;
        if (prefix is not { Length: >= 1 and <= 40 } || !char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            throw new ArgumentException($"Azure name prefix '{prefix}' must be 1-40 lower-case letters or digits, starting with a letter");
        return new Azure(connection, $"{prefix}log", $"{prefix}-records", $"{prefix}grains", $"{prefix}-grains");
    }
}
