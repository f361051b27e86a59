using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Benchmarks;

/// <summary>Holds one benchmark version. First registration wins: a version never changes its content.</summary>
[GrainType("ledger-benchmark")]
public sealed class BenchmarkGrain([PersistentState("benchmark", StorageNames.Ledger)] IPersistentState<BenchmarkState> state)
    : Grain, IBenchmarkGrain
{
    public async Task<BenchmarkDefinition> Register(BenchmarkDefinition definition)
    {
        if (state.State.Definition is { } existing) return existing;
        state.State.Definition = definition;
        await state.WriteStateAsync();
        return definition;
    }

    public Task<BenchmarkDefinition?> Get() => Task.FromResult(state.State.Definition);
}
