using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>One benchmark version (key: `id@version`): registered once, then immutable; serves tasks for reproduction.</summary>
[Alias("ledger.IBenchmarkGrain")]
public interface IBenchmarkGrain : IGrainWithStringKey
{
    /// <summary>Registers the definition; returns the one already held (whose hash may differ) if there is one.</summary>
    [Alias("Register")]
    Task<BenchmarkDefinition> Register(BenchmarkDefinition definition);

    [ReadOnly, Alias("Get")]
    Task<BenchmarkDefinition?> Get();
}
