using BenchmarkDotNet.Attributes;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Leaderboard;

namespace LedgerCluster.Benchmarks;

/// <summary>
/// What a benchmark board grain does off the request path each time it is dirty (at most 4 times a second): rank a copy
/// of its compact rows into a new snapshot (sort all rows, pair the top 100 on 1,319 GSM8K-sized items), and what a read
/// costs (a 50-row page of the snapshot). Rows are random outcomes, all `verified`, one protocol; summaries come from
/// memory here (the grain reads rows below its cached top from the log).
/// Run: `dotnet run -c Release --project tests/LedgerCluster.Benchmarks -- --filter '*BenchmarkBoardSnapshot*'`.
/// </summary>
[MemoryDiagnoser]
public class BenchmarkBoardSnapshotBenchmarks
{
    private const int Items = 1319;
    private static readonly string Hash = new('b', 64);
    private CompactRow[] _rows = [];
    private Dictionary<long, RecordSummary> _summaries = [];
    // Only its protocol cache is used: every summary is in memory, so nothing is read from a store.
    private readonly SummaryLoader _loader = new(null!, Hash);
    private RankedSnapshot _snapshot = null!;

    [Params(1_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(15);
        var ids = Enumerable.Range(0, Items).Select(i => $"gsm8k-{i}").ToArray();
        var protocol = GenerationProtocol.FromValues([KeyValuePair.Create<string, Core.Json.JValue>("max_tokens", 768)]);
        var summaries = Enumerable.Range(0, Rows).Select(n =>
        {
            var skill = random.NextDouble();
            var (scored, correct) = (new byte[(Items + 7) / 8], new byte[(Items + 7) / 8]);
            for (var i = 0; i < Items; i++)
            {
                scored[i >> 3] |= (byte)(1 << (i & 7));
                if (random.NextDouble() < skill) correct[i >> 3] |= (byte)(1 << (i & 7));
            }
            var summary = new RecordSummary($"{n:x64}", "gsm8k", "main", Hash, $"test:m{n}", skill, Items, 0, "bench", new string('e', 64), "2026-01-01T00:00:00Z",
                new LogPosition(0, n), Outcomes: new ItemOutcomes(ids, scored, correct, new byte[scored.Length]),
                Protocol: new ProtocolSettings(protocol.Hash, "{\"max_tokens\":768}"), Truncation: new TruncationCounts(0, 0, Items, 0));
            return summary;
        }).ToArray();
        _summaries = summaries.ToDictionary(s => CompactRow.PositionOf(0, s.Position!.Index));
        _rows = summaries.Select(s => CompactRow.Of(0, s.Position!.Index, BoardEntrant.AccuracyOf(s), s.RecordId, false, Core.Trust.TrustTier.Verified)).ToArray();
        _snapshot = RebuildSnapshot().GetAwaiter().GetResult();
    }

    private Task<RecordSummary> SummaryOf(CompactRow row) => Task.FromResult(_summaries[row.Position]);

    [Benchmark]
    public async Task<RankedSnapshot> RebuildSnapshot()
    {
        var rows = (CompactRow[])_rows.Clone();
        await CompactRowOrder.SortAsync(rows, trust: true, async run => (await Task.WhenAll(run.Select(SummaryOf))).Select(s => s.RecordId).ToList());
        var witnessed = new Dictionary<int, long> { [0] = long.MaxValue };
        return await RankedSnapshot.BuildAsync(Hash, BoardRows.Of(rows, rows.Length, int.MaxValue, Path.GetTempPath()), trust: true, witnessed, new Dictionary<long, ReproductionEvidence>(), _loader, SummaryOf);
    }

    [Benchmark]
    public async Task<int> ReadPageOf50() => (await _snapshot.PageAsync(0, 50, SummaryOf)).Entries.Length;
}
