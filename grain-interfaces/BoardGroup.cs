namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A benchmark board (one content hash) as a group of the overall view: its benchmark, size, the #1 row (what "compare
/// with #1" links to), how many top rows the paired tests cover, the most common protocol, and the power line: the median
/// number of items a pair scored in common and the smallest accuracy difference detected there (null where undefined).
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.BoardGroup")]
public sealed record BoardGroup(
    [property: Id(0)] string Benchmark,
    [property: Id(1)] string BenchmarkHash,
    [property: Id(2)] int Total,
    [property: Id(3)] string? TopRecordId,
    [property: Id(4)] int TestedRows,
    [property: Id(5)] string? CommonProtocol,
    [property: Id(6)] int PowerItems,
    [property: Id(7)] double? Discordance,
    [property: Id(8)] double? MinDetectableDifference);
