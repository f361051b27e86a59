namespace LedgerCluster.GrainInterfaces;

/// <summary>A registered benchmark: its JSON document and the content hash records pin.</summary>
[GenerateSerializer, Immutable, Alias("ledger.BenchmarkDefinition")]
public sealed record BenchmarkDefinition([property: Id(0)] string Json, [property: Id(1)] string ContentHash);
