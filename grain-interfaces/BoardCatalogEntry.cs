namespace LedgerCluster.GrainInterfaces;

/// <summary>One benchmark board the overall board knows: its benchmark id and version, content hash and the rows its latest snapshot holds.</summary>
[GenerateSerializer, Immutable, Alias("ledger.BoardCatalogEntry")]
public sealed record BoardCatalogEntry(
    [property: Id(0)] string BenchmarkId,
    [property: Id(1)] string BenchmarkVersion,
    [property: Id(2)] string BenchmarkHash,
    [property: Id(3)] int Count)
{
    public string Benchmark => $"{BenchmarkId}@{BenchmarkVersion}";
}
