using System.Globalization;
using LedgerCluster.Core.Log;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace LedgerCluster.Cluster.Tests.Support;

/// <summary>A TestCluster of ledger silos on one SQLite file, with helpers to reach shards from several callers.</summary>
public sealed class LedgerTestCluster : IAsyncDisposable
{
    private LedgerTestCluster(TestCluster cluster, string database, int shardCount)
    {
        Cluster = cluster;
        Database = database;
        ShardCount = shardCount;
    }

    public TestCluster Cluster { get; }

    /// <summary>The SQLite file every silo shares.</summary>
    public string Database { get; }

    public int ShardCount { get; }

    public static async Task<LedgerTestCluster> StartAsync(string database, short silos = 3, int shards = 4, int maxBatch = 4096)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[LedgerSiloConfigurator.DatabaseKey] = database;
        builder.Properties[LedgerSiloConfigurator.ShardCountKey] = shards.ToString(CultureInfo.InvariantCulture);
        builder.Properties[LedgerSiloConfigurator.MaxBatchKey] = maxBatch.ToString(CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<LedgerSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LedgerTestCluster(cluster, database, shards);
    }

    public ILogShardGrain Shard(int shard) => Cluster.Client.GetGrain<ILogShardGrain>(shard);

    public int ShardOf(string recordId) => ShardRouter.ShardOf(recordId, ShardCount);

    /// <summary>
    /// Independent callers: the external cluster client, and each live silo's own <see cref="IGrainFactory"/>
    /// (how the co-hosted HTTP gateway of that silo calls grains).
    /// </summary>
    public IReadOnlyList<IGrainFactory> Callers() =>
        [Cluster.Client, .. Cluster.GetActiveSilos().Select(s => Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<IGrainFactory>())];

    /// <summary>A store of our own on the shared file: what an auditor (or fsck) reads.</summary>
    public SqliteLogStore OpenStore() => new(Database);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
