namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// One row of a <see cref="BoundedBoard{T}"/>: its place in the board's order, the rank range its paired tests allow (null
/// beyond the tested rows, see <see cref="BoundedBoard.TestedRows"/>), how its protocol differs from the board's most common
/// one, and, when its truncation rate differs from the #1 row's (Wilson intervals apart), a warning saying so.
/// </summary>
public sealed record BoardLine<T>(int Rank, RankRange? RankRange, T Entrant, IReadOnlyList<string> ProtocolWarnings, string? TruncationWarning)
    where T : IBoardEntrant;
