namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// One change of a board: <see cref="Kind"/> is `added` (records logged), `tier` (witnessed or reproduction evidence
/// moved records between tiers); <see cref="Entries"/> are the changed rows as now ranked on their benchmark board
/// (<see cref="BenchmarkHash"/>), <see cref="Total"/> that board's size. A record is in at most one change per notification.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.BoardChange")]
public sealed record BoardChange(
    [property: Id(0)] string Kind,
    [property: Id(1)] LeaderboardEntry[] Entries,
    [property: Id(2)] int Total,
    [property: Id(3)] string BenchmarkHash = "");
