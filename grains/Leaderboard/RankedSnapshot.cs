using LedgerCluster.Core.Leaderboards;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// One benchmark board ranked once (core's <see cref="BoundedBoard{T}"/>), immutable: reads page through it while the
/// grain builds the next one. Entries are made for the rows a read asks for, not for the whole board.
/// </summary>
public sealed class RankedSnapshot
{
    private readonly BoundedBoard<BoardEntrant> _board;

    private RankedSnapshot(string benchmarkHash, BoundedBoard<BoardEntrant> board)
    {
        _board = board;
        var power = board.Power;
        Group = new BoardGroup(board.Lines.Count > 0 ? board.Lines[0].Entrant.Summary.Benchmark : "", benchmarkHash, board.Lines.Count,
            board.Lines.Count > 0 ? board.Lines[0].Entrant.RecordId : null, board.TestedRows, board.CommonProtocol?.Hash,
            power.Items, power.Discordance, power.MinimumDetectableDifference);
    }

    public static RankedSnapshot Empty(string benchmarkHash) => new(benchmarkHash, BoundedBoard<BoardEntrant>.Rank([]));

    public static RankedSnapshot Build(string benchmarkHash, IReadOnlyList<BoardEntrant> entrants, bool trust) =>
        new(benchmarkHash, BoundedBoard<BoardEntrant>.Rank(entrants, trust));

    public BoardGroup Group { get; }

    public int Total => _board.Lines.Count;

    public BoardLine<BoardEntrant> Line(int index) => _board.Lines[index];

    public BoardPage Page(int offset, int limit)
    {
        var start = Math.Clamp(offset, 0, Total);
        var end = (int)Math.Min(Total, (long)start + Math.Max(0, limit));
        var entries = new LeaderboardEntry[end - start];
        for (var i = start; i < end; i++) entries[i - start] = Entry(i);
        return new BoardPage(entries, Total, Group);
    }

    public LeaderboardEntry Entry(int index)
    {
        var line = _board.Lines[index];
        var (entrant, summary, standing) = (line.Entrant, line.Entrant.Summary, line.Entrant.Standing);
        var failure = entrant.Evidence?.ByCluster is { Reproduced: false } failed ? failed.Detail : null;
        return new LeaderboardEntry(line.Rank, standing.TierName, standing.Score, summary.Benchmark, summary.Model, summary.Accuracy, summary.Tasks,
            summary.Signer, summary.RecordId, summary.Passed, failure, standing.Verdict,
            line.RankRange is { } range ? [range.Lo, range.Hi] : null, summary.BenchmarkHash, entrant.Protocol.Hash, [.. line.ProtocolWarnings],
            entrant.Truncation.Rate, entrant.Truncation.MethodName, line.TruncationWarning);
    }
}
