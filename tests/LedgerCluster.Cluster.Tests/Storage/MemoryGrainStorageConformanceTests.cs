using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// Orleans' memory grain storage (what tests could use instead of a real store) held to the same contract as ours.
/// It lives in a silo, so it is taken from the shared cluster's primary silo.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Storage")]
public sealed class MemoryGrainStorageConformanceTests(ClusterFixture fixture) : GrainStorageConformance
{
    protected override IGrainStorage Storage { get; } = fixture.Ledger.Cluster
        .GetSiloServiceProvider(fixture.Ledger.Cluster.Primary!.SiloAddress)
        .GetRequiredKeyedService<IGrainStorage>(LedgerSiloConfigurator.MemoryStorageName);

    // Found by this suite: Orleans' memory provider accepts a write with an invented ETag for a missing record.
    protected override bool RejectsInventedETag => false;
}
