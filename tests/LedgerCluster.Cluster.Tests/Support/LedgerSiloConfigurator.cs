using System.Globalization;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace LedgerCluster.Cluster.Tests.Support;

/// <summary>
/// Every silo of a test cluster: the log store and the "ledger" grain storage on ONE shared SQLite file (each silo opens
/// its own connections to it, as silos on separate machines share one storage account), and the ledger options.
/// The values come from <see cref="TestClusterBuilder.Properties"/>.
/// </summary>
public sealed class LedgerSiloConfigurator : ISiloConfigurator
{
    public const string DatabaseKey = "Ledger:Database";
    public const string ShardCountKey = "Ledger:ShardCount";
    public const string MaxBatchKey = "Ledger:MaxBatch";
    public const string MemoryStorageName = "memory";

    public void Configure(ISiloBuilder silo)
    {
        var database = silo.Configuration[DatabaseKey] ?? throw new InvalidOperationException($"{DatabaseKey} is not set");
        var shards = int.Parse(silo.Configuration[ShardCountKey] ?? "4", CultureInfo.InvariantCulture);
        var maxBatch = int.Parse(silo.Configuration[MaxBatchKey] ?? "4096", CultureInfo.InvariantCulture);

        silo.Services.AddSingleton<ILogStore>(_ => new FaultInjectingLogStore(new SqliteLogStore(database), database));
        silo.Services.AddSingleton(new Core.Verification.ReproducibleModels(fixturesDirectory: null));
        silo.Services.AddSingleton<Grains.Reproduction.ReproductionSlots>();
        silo.Services.AddGrainStorage(StorageNames.Ledger, (sp, _) => new SqliteGrainStorage(database, sp.GetRequiredService<Serializer>()));
        // Orleans' own memory provider, only so the storage conformance suite can hold it to the same contract.
        silo.AddMemoryGrainStorage(MemoryStorageName);
        silo.Services.Configure<LedgerOptions>(o =>
        {
            o.ShardCount = shards;
            o.MaxBatch = maxBatch;
        });
    }
}
