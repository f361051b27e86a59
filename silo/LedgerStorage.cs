using LedgerCluster.Grains.Storage;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace LedgerCluster.Silo;

/// <summary>The storage switch: the log store every shard writes to and the grain storage every grain persists in.</summary>
public static class LedgerStorage
{
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
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Storage, "unknown storage kind");
        }
    }

    /// <summary>The SQLite file of a data directory (also what `ledger fsck --data` opens).</summary>
    public static string SqlitePath(string dataDirectory) => Path.GetFullPath(Path.Combine(dataDirectory, "ledger.db"));
}
