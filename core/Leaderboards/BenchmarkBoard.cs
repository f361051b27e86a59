using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// The board of one benchmark content hash: only records of the same tasks are ranked against each other, item by item.
///
/// Order: by tier (trust board) and then by accuracy over the scored items, then record id. Significance: for every pair
/// of rows that scored at least one item in common, the exact McNemar test on those items (mid-p beside it), with Holm's
/// correction across all those pairs; a pair is significantly different when its Holm-adjusted exact p ≤ α (0.05).
///
/// Rank range of a row R, over the board's N rows:
///   above(R) = rows that must rank above R: on a trust board, a higher tier, or the same tier and significantly better;
///              on an accuracy board, significantly better;
///   below(R) = rows that must rank below R, the mirror image;
///   rank_range = [1 + |above(R)|, N − |below(R)|].
/// So lo − 1 is the number of rows R can never overtake and N − hi the number it can never fall behind: a row that differs
/// significantly from every other row of its tier gets a range of its own, and rows the tests do not separate normally get
/// overlapping ranges. lo ≤ hi always (no row is both above and below R). When the rows scored the same items, R's place
/// in the order lies inside its range (with different item sets, paired and overall accuracy can disagree). Pairwise
/// tests can be intransitive (A not separated from C while A > B > C): with enough rows significantly between them, two
/// unseparated rows can get disjoint ranges, and the board shows that rather than forcing transitivity.
/// </summary>
public sealed class BenchmarkBoard
{
    private BenchmarkBoard(string benchmarkContentHash, string benchmark, IReadOnlyList<ComparedRow> rows, IReadOnlyList<PairComparison> pairs,
        GenerationProtocol? commonProtocol, BoardPower power)
    {
        BenchmarkContentHash = benchmarkContentHash;
        Benchmark = benchmark;
        Rows = rows;
        Pairs = pairs;
        CommonProtocol = commonProtocol;
        Power = power;
    }

    public string BenchmarkContentHash { get; }

    /// <summary>The benchmark's id@version (the content hash pins both, so every row names the same).</summary>
    public string Benchmark { get; }

    public IReadOnlyList<ComparedRow> Rows { get; }

    /// <summary>Every tested pair (rows with items in common), A before B in board order.</summary>
    public IReadOnlyList<PairComparison> Pairs { get; }

    /// <summary>The protocol most rows ran under (ties: the one whose first row ranks highest); null for an empty board.</summary>
    public GenerationProtocol? CommonProtocol { get; }

    public BoardPower Power { get; }

    /// <summary>The test of two rows, either way round; null when they scored no item in common.</summary>
    public PairComparison? Pair(string recordA, string recordB) =>
        Pairs.FirstOrDefault(p => p.Involves(recordA) && p.Involves(recordB) && recordA != recordB);

    /// <summary>
    /// The board as JSON: `benchmark`, `benchmark_hash`, `rows` (<see cref="ComparedRow.ToJson"/>), `pairs` (the 2x2 counts
    /// with b = only A right and c = only B right, exact p, mid-p, Holm p, significant, better, truncation_differs),
    /// `common_protocol` {hash, settings} and `power` {n, discordance, min_detectable_diff}.
    /// </summary>
    public JObject ToJson() => new()
    {
        { "benchmark", Benchmark },
        { "benchmark_hash", BenchmarkContentHash },
        { "rows", new JArray(Rows.Select(r => (JValue)r.ToJson()).ToList()) },
        { "pairs", new JArray(Pairs.Select(p => (JValue)new JObject
            {
                { "a", p.RecordA }, { "b", p.RecordB }, { "n", p.Table.N }, { "b_only_a", p.Table.OnlyA }, { "c_only_b", p.Table.OnlyB },
                { "mcnemar_exact_p", p.ExactP }, { "mcnemar_midp", p.MidP }, { "holm_p", p.HolmP }, { "significant", p.Significant },
                { "better", p.Better is { } better ? better : JNull.Instance }, { "truncation_differs", p.TruncationDiffers },
            }).ToList()) },
        { "common_protocol", CommonProtocol is null ? JNull.Instance
            : new JObject { { "hash", CommonProtocol.Hash }, { "settings", new JObject(CommonProtocol.Values.Select(v => KeyValuePair.Create(v.Key, v.Value))) } } },
        { "power", new JObject
            {
                { "n", Power.Items },
                { "discordance", Power.Discordance is { } d ? d : JNull.Instance },
                { "min_detectable_diff", Power.MinimumDetectableDifference is { } mde ? mde : JNull.Instance },
            } },
    };

    /// <summary>Ranks the records of one benchmark; all must carry the same benchmark content hash.</summary>
    public static BenchmarkBoard Rank(IReadOnlyList<BoardRecord> records, bool trust = true, double alpha = PairedStatistics.Alpha)
    {
        if (records.Count == 0) throw new ArgumentException("a board needs at least one record", nameof(records));
        var hash = records[0].BenchmarkContentHash;
        if (records.Any(r => r.BenchmarkContentHash != hash))
            throw new ArgumentException("records of different benchmarks are never ranked against each other", nameof(records));

        var ordered = (trust ? records.OrderByDescending(r => r.Standing.Tier).ThenByDescending(r => r.Accuracy) : records.OrderByDescending(r => r.Accuracy))
            .ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
        var pairs = TestPairs(ordered, alpha);
        var common = CommonProtocolOf(ordered);

        var n = ordered.Count;
        var rows = ordered.Select((record, i) =>
        {
            int above = 0, below = 0;
            foreach (var other in ordered)
            {
                if (ReferenceEquals(other, record)) continue;
                var order = trust ? other.Standing.Tier.CompareTo(record.Standing.Tier) : 0;
                var better = order == 0 ? SignificantlyBetter(pairs, other.RecordId, record.RecordId) : null;
                if (order > 0 || better == true) above++;
                else if (order < 0 || better == false) below++;
            }
            return new ComparedRow(i + 1, new RankRange(1 + above, n - below), record, common is null ? [] : record.Protocol.DifferencesFrom(common));
        }).ToList();
        return new BenchmarkBoard(hash, ordered[0].Benchmark, rows, pairs.Values.ToList(), common, PowerOf(ordered.Count, pairs.Values));
    }

    // Keyed by (A, B) in board order so each pair is tested once.
    private static Dictionary<(string A, string B), PairComparison> TestPairs(List<BoardRecord> ordered, double alpha)
    {
        var vectors = OutcomeVectors.Of(ordered.Select(r => r.Items).ToList());
        var tested = new List<(BoardRecord A, BoardRecord B, PairedTable Table)>();
        for (var i = 0; i < ordered.Count; i++)
            for (var j = i + 1; j < ordered.Count; j++)
            {
                var table = vectors[i].TableWith(vectors[j]);
                if (table.N > 0) tested.Add((ordered[i], ordered[j], table)); // rows with no item in common are not a test
            }
        var exact = tested.Select(t => PairedStatistics.McNemarExactP(t.Table.OnlyA, t.Table.OnlyB)).ToArray();
        var holm = HolmCorrection.Adjust(exact);
        var pairs = new Dictionary<(string, string), PairComparison>();
        for (var k = 0; k < tested.Count; k++)
        {
            var (a, b, table) = tested[k];
            pairs[(a.RecordId, b.RecordId)] = new PairComparison(a.RecordId, b.RecordId, table, exact[k],
                PairedStatistics.McNemarMidP(table.OnlyA, table.OnlyB), holm[k], holm[k] <= alpha, a.Truncation.DiffersFrom(b.Truncation));
        }
        return pairs;
    }

    // True: candidate significantly better than row; false: significantly worse; null: not separated (or not tested).
    private static bool? SignificantlyBetter(Dictionary<(string, string), PairComparison> pairs, string candidate, string row)
    {
        if (!pairs.TryGetValue((candidate, row), out var pair) && !pairs.TryGetValue((row, candidate), out pair)) return null;
        return pair.Better is { } better ? better == candidate : null;
    }

    // The most frequent protocol hash; a tie goes to the protocol of the highest-ranked row among the tied ones.
    private static GenerationProtocol? CommonProtocolOf(List<BoardRecord> ordered) =>
        ordered.Select((r, i) => (r.Protocol, Index: i))
            .GroupBy(x => x.Protocol.Hash, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(x => x.Index))
            .Select(g => g.First().Protocol)
            .FirstOrDefault();

    private static BoardPower PowerOf(int rows, IEnumerable<PairComparison> pairs)
    {
        var tables = pairs.Select(p => p.Table).ToList();
        if (rows < 2 || tables.Count == 0) return new BoardPower(0, null, null);
        var sizes = tables.Select(t => t.N).Order().ToList();
        var median = sizes[(sizes.Count - 1) / 2];
        var discordance = (double)tables.Sum(t => (long)t.Discordant) / tables.Sum(t => (long)t.N);
        return new BoardPower(median, discordance, PairedStatistics.MinimumDetectableDifference(median, discordance));
    }
}
