using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Benchmarks;

[GenerateSerializer, Alias("ledger.BenchmarkState")]
public sealed class BenchmarkState
{
    [Id(0)] public BenchmarkDefinition? Definition { get; set; }
}
