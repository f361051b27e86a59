namespace LedgerCluster.Cluster.Tests.Support;

/// <summary>
/// One 3-silo cluster shared by the tests of <see cref="ClusterCollection"/>: 4 shards, small batches (so a busy shard
/// commits many batches and signs many checkpoints), one SQLite file in a temp folder.
/// Tests use their own record bodies and compare shard sizes before and after, so they do not depend on order.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public LedgerTestCluster Ledger { get; private set; } = null!;

    public async Task InitializeAsync() => Ledger = await LedgerTestCluster.StartAsync(_dir.Path("ledger.db"), silos: 3, shards: 4, maxBatch: 16);

    public async Task DisposeAsync()
    {
        if (Ledger is not null) await Ledger.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>The shared-cluster tests; never run in parallel with anything (2-core machine, one cluster at a time).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";

    /// <summary>A hung cluster test fails after this many milliseconds instead of stalling the run (xunit needs parallelization off for it).</summary>
    public const int TestTimeout = 120_000;
}
