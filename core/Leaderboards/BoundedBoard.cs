using System.Globalization;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>The bound of <see cref="BoundedBoard{T}"/>.</summary>
public static class BoundedBoard
{
    /// <summary>
    /// How many rows of a board, from the top of its order, enter the paired tests. Pairing is quadratic (100 rows are
    /// 4,950 McNemar tests, about 74 ms at 1,319 items); a board of 100,000 rows could never be paired in full.
    /// </summary>
    public const int TestedRows = 100;

    /// <summary>The warning on the row at <paramref name="index"/> (0 is #1) when its truncation rate differs from #1's, else null.</summary>
    public static string? TruncationWarning(int index, TruncationRate row, TruncationRate top) => index > 0 && row.DiffersFrom(top)
        ? string.Create(CultureInfo.InvariantCulture, $"truncation {row.Rate * 100:0.0}% vs {top.Rate * 100:0.0}% for #1")
        : null;
}

/// <summary>
/// A benchmark board of any size: every row in the board's order (tier, accuracy over scored items, record id, as
/// <see cref="BenchmarkBoard"/>), the top <see cref="BoundedBoard.TestedRows"/> of them ranked with the paired tests
/// (<see cref="Tested"/>: rank ranges, the board's most common protocol, power), the rest placed by the order alone with
/// no rank range (null: not tested, which the board states). Protocol warnings for every row are against the tested rows'
/// most common protocol; truncation warnings are against the #1 row.
/// </summary>
public sealed class BoundedBoard<T> where T : IBoardEntrant
{
    private BoundedBoard(IReadOnlyList<BoardLine<T>> lines, BenchmarkBoard? tested)
    {
        Lines = lines;
        Tested = tested;
    }

    public IReadOnlyList<BoardLine<T>> Lines { get; }

    /// <summary>The paired tests of the top rows; null for an empty board.</summary>
    public BenchmarkBoard? Tested { get; }

    public int TestedRows => Tested?.Rows.Count ?? 0;

    public BoardPower Power => Tested?.Power ?? new BoardPower(0, null, null);

    public GenerationProtocol? CommonProtocol => Tested?.CommonProtocol;

    /// <summary>Ranks the entrants of one benchmark content hash (the caller groups them).</summary>
    public static BoundedBoard<T> Rank(IReadOnlyList<T> entrants, bool trust = true, int testedRows = BoundedBoard.TestedRows)
    {
        if (entrants.Count == 0) return new BoundedBoard<T>([], null);
        // The keys once each (accuracy may count items), then the same order BenchmarkBoard.Rank uses.
        var keys = entrants.Select((e, i) => (Index: i, Tier: trust ? (int)e.Standing.Tier : 0, e.Accuracy, e.RecordId)).ToArray();
        Array.Sort(keys, (x, y) =>
        {
            var c = y.Tier.CompareTo(x.Tier);
            if (c == 0) c = y.Accuracy.CompareTo(x.Accuracy);
            return c != 0 ? c : string.CompareOrdinal(x.RecordId, y.RecordId);
        });
        var ordered = keys.Select(k => entrants[k.Index]).ToArray();
        // Tested rows are matched back by the record object, not the id: an offline folder may hold two copies of one record.
        var testedByRecord = new Dictionary<BoardRecord, ComparedRow>(ReferenceEqualityComparer.Instance);
        var materialized = ordered.Take(Math.Max(1, testedRows)).Select(e => e.ToBoardRecord()).ToList();
        var tested = BenchmarkBoard.Rank(materialized, trust);
        foreach (var row in tested.Rows) testedByRecord[row.Record] = row;
        var warnings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var top = ordered[0].Truncation;
        var lines = new BoardLine<T>[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var entrant = ordered[i];
            var truncation = BoundedBoard.TruncationWarning(i, entrant.Truncation, top);
            if (i < materialized.Count && testedByRecord.TryGetValue(materialized[i], out var row))
            {
                lines[i] = new BoardLine<T>(i + 1, row.RankRange, entrant, row.ProtocolWarnings, truncation);
                continue;
            }
            if (!warnings.TryGetValue(entrant.Protocol.Hash, out var differences))
                warnings[entrant.Protocol.Hash] = differences = tested.CommonProtocol is { } common ? entrant.Protocol.DifferencesFrom(common) : [];
            lines[i] = new BoardLine<T>(i + 1, null, entrant, differences, truncation);
        }
        return new BoundedBoard<T>(lines, tested);
    }
}
