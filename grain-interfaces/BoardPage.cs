namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A slice of a ranked board: rows <c>offset</c> to <c>offset + Entries.Length</c> of <see cref="Total"/>, with the
/// benchmark board (group) the rows are on.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.BoardPage")]
public sealed record BoardPage(
    [property: Id(0)] LeaderboardEntry[] Entries,
    [property: Id(1)] int Total,
    [property: Id(2)] BoardGroup? Group = null);
