using System.Collections.Concurrent;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// One benchmark board ranked once, immutable: reads page through it while the grain builds the next one. It holds every
/// row as a sorted <see cref="CompactRow"/> (24 bytes each, in memory or in a file: <see cref="BoardRows"/>) and the full
/// summaries of only the top <see cref="CachedRows"/> rows; the top <see cref="BoundedBoard.TestedRows"/> of those are ranked
/// with the paired tests as core's <see cref="BoundedBoard{T}"/> ranks them. A page materializes the rows it returns: from
/// the cached top, or for a deeper page by reading its slice of rows and each row's record from the log by its position,
/// so paging costs the page, not the board.
/// </summary>
public sealed class RankedSnapshot
{
    /// <summary>Rows kept in full: the tested rows and a few pages below them (the pages people read).</summary>
    public const int CachedRows = 300;

    private readonly BoardRows _rows;
    private readonly CompactRow[] _topRows;
    private readonly RecordSummary[] _top;
    private readonly Dictionary<long, int> _topByPosition;
    private readonly BoundedBoard<BoardEntrant> _tested;
    private readonly IReadOnlyDictionary<int, long> _witnessed;
    private readonly IReadOnlyDictionary<long, ReproductionEvidence> _evidence;
    private readonly SummaryLoader? _loader;
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _warnings = new(StringComparer.Ordinal);

    private RankedSnapshot(string benchmarkHash, BoardRows rows, CompactRow[] topRows, RecordSummary[] top, BoundedBoard<BoardEntrant> tested,
        IReadOnlyDictionary<int, long> witnessed, IReadOnlyDictionary<long, ReproductionEvidence> evidence, SummaryLoader? loader)
    {
        (_rows, _topRows, _top, _tested, _witnessed, _evidence, _loader) = (rows, topRows, top, tested, witnessed, evidence, loader);
        _topByPosition = new Dictionary<long, int>(top.Length);
        for (var i = 0; i < top.Length; i++) _topByPosition[topRows[i].Position] = i;
        var power = tested.Power;
        Group = new BoardGroup(top.Length > 0 ? top[0].Benchmark : "", benchmarkHash, rows.Count, top.Length > 0 ? top[0].RecordId : null,
            tested.TestedRows, tested.CommonProtocol?.Hash, power.Items, power.Discordance, power.MinimumDetectableDifference);
    }

    /// <summary>A board with no ranking yet; <paramref name="witnessed"/> and <paramref name="evidence"/> are what its rows' tiers were decided by.</summary>
    public static RankedSnapshot Empty(string benchmarkHash, IReadOnlyDictionary<int, long> witnessed, IReadOnlyDictionary<long, ReproductionEvidence> evidence) =>
        new(benchmarkHash, BoardRows.Empty, [], [], BoundedBoard<BoardEntrant>.Rank([]), witnessed, evidence, null);

    /// <summary>
    /// Ranks <paramref name="rows"/>, already sorted by <see cref="CompactRowOrder"/> with their tiers set: fetches the top
    /// rows' summaries (<paramref name="summaryOf"/>) and runs the paired tests on them. The snapshot takes over the lease
    /// on <paramref name="rows"/> its caller holds.
    /// </summary>
    public static async Task<RankedSnapshot> BuildAsync(string benchmarkHash, BoardRows rows, bool trust, IReadOnlyDictionary<int, long> witnessed,
        IReadOnlyDictionary<long, ReproductionEvidence> evidence, SummaryLoader loader, Func<CompactRow, Task<RecordSummary>> summaryOf)
    {
        var topRows = rows.Slice(0, Math.Min(CachedRows, rows.Count));
        var top = new RecordSummary[topRows.Length];
        await Parallel.ForAsync(0, top.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => top[i] = await summaryOf(topRows[i]));
        var entrants = new BoardEntrant[Math.Min(BoundedBoard.TestedRows, top.Length)];
        for (var i = 0; i < entrants.Length; i++) entrants[i] = Entrant(top[i], witnessed, evidence, loader);
        // The same order the compact rows have, so line i of the tested board is row i.
        return new RankedSnapshot(benchmarkHash, rows, topRows, top, BoundedBoard<BoardEntrant>.Rank(entrants, trust), witnessed, evidence, loader);
    }

    public BoardGroup Group { get; }

    public int Total => _rows.Count;

    /// <summary>The ranked rows (sorted; tiers as of this ranking). Shared, never written; read them under a lease.</summary>
    public BoardRows Rows => _rows;

    public IReadOnlyDictionary<int, long> Witnessed => _witnessed;

    public IReadOnlyDictionary<long, ReproductionEvidence> Evidence => _evidence;

    /// <summary>The summary of the row at <paramref name="position"/> when it is among the cached top rows.</summary>
    public RecordSummary? Cached(long position) => _topByPosition.TryGetValue(position, out var i) ? _top[i] : null;

    public async Task<BoardPage> PageAsync(int offset, int limit, Func<CompactRow, Task<RecordSummary>> summaryOf)
    {
        var start = Math.Clamp(offset, 0, Total);
        var end = (int)Math.Min(Total, (long)start + Math.Max(0, limit));
        var entries = new LeaderboardEntry[end - start];
        // Cached rows directly; only rows below the cached top are read (from the log), a few at a time.
        var cachedEnd = Math.Clamp(_top.Length, start, end);
        for (var i = start; i < cachedEnd; i++) entries[i - start] = Entry(i, _topRows[i], _top[i]);
        if (cachedEnd < end)
        {
            var deep = _rows.Slice(cachedEnd, end - cachedEnd);
            await Parallel.ForAsync(cachedEnd, end, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, _) => entries[i - start] = Entry(i, deep[i - cachedEnd], await summaryOf(deep[i - cachedEnd])));
        }
        return new BoardPage(entries, Total, Group);
    }

    /// <summary>The entry of row <paramref name="index"/> (<paramref name="row"/>), whose summary the caller has (<see cref="Cached"/> or the log).</summary>
    public LeaderboardEntry Entry(int index, CompactRow row, RecordSummary summary)
    {
        if (summary.Position is not { } p || CompactRow.PositionOf(p.Shard, p.Index) != row.Position)
            throw new ArgumentException($"summary of {summary.RecordId} is not row {index}", nameof(summary));
        var evidence = _evidence.GetValueOrDefault(row.Position);
        RankRange? range = null;
        IReadOnlyList<string> protocolWarnings;
        string? truncationWarning;
        var protocol = _loader!.ProtocolOf(summary);
        var truncation = BoardEntrant.TruncationOf(summary);
        if (index < _tested.Lines.Count)
        {
            var line = _tested.Lines[index];
            (range, protocolWarnings, truncationWarning) = (line.RankRange, line.ProtocolWarnings, line.TruncationWarning);
        }
        else
        {
            protocolWarnings = _warnings.GetOrAdd(protocol.Hash, _ => _tested.CommonProtocol is { } common ? protocol.DifferencesFrom(common) : []);
            truncationWarning = BoundedBoard.TruncationWarning(index, truncation, _tested.Lines[0].Entrant.Truncation);
        }
        var standing = Standings.Of(summary, _witnessed, evidence);
        var failure = evidence?.ByCluster is { Reproduced: false } failed ? failed.Detail : null;
        return new LeaderboardEntry(index + 1, standing.TierName, standing.Score, summary.Benchmark, summary.Model, summary.Accuracy, summary.Tasks,
            summary.Signer, summary.RecordId, summary.Passed, failure, standing.Verdict,
            range is { } r ? [r.Lo, r.Hi] : null, summary.BenchmarkHash, protocol.Hash, [.. protocolWarnings],
            truncation.Rate, truncation.MethodName, truncationWarning);
    }

    private static BoardEntrant Entrant(RecordSummary summary, IReadOnlyDictionary<int, long> witnessed,
        IReadOnlyDictionary<long, ReproductionEvidence> evidence, SummaryLoader loader)
    {
        var known = summary.Position is { } p ? evidence.GetValueOrDefault(CompactRow.PositionOf(p.Shard, p.Index)) : null;
        return new BoardEntrant(summary, Standings.Of(summary, witnessed, known), known, loader.ProtocolOf(summary));
    }
}
