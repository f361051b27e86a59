using System.Globalization;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// A test cluster silo whose log is on Azurite (table and container from <see cref="TestClusterBuilder.Properties"/>), every
/// request recorded in <see cref="AzureRequestLog.For"/> the table and named by the store method it serves. Grain state is
/// in memory: these tests look at the log only.
/// </summary>
public sealed class AzureLogSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionKey = "Ledger:AzureConnection";
    public const string TableKey = "Ledger:AzureTable";
    public const string ContainerKey = "Ledger:AzureContainer";
    public const string ShardCountKey = "Ledger:ShardCount";

    public void Configure(ISiloBuilder silo)
    {
        var (connection, table, container) = (silo.Configuration[ConnectionKey]!, silo.Configuration[TableKey]!, silo.Configuration[ContainerKey]!);
        var shards = int.Parse(silo.Configuration[ShardCountKey] ?? "1", CultureInfo.InvariantCulture);
        silo.Services.AddSingleton<ILogStore>(_ => new CallerNamingLogStore(AzureRequestLog.OpenStore(connection, table, container)));
        silo.Services.AddSingleton(new Core.Verification.ReproducibleModels(fixturesDirectory: null));
        silo.Services.AddSingleton<Grains.Reproduction.ReproductionSlots>();
        silo.AddMemoryGrainStorage(StorageNames.Ledger);
        silo.Services.Configure<LedgerOptions>(o =>
        {
            o.ShardCount = shards;
            o.MaxBatch = 16;
        });
    }
}
