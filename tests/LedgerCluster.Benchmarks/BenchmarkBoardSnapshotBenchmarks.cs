using BenchmarkDotNet.Attributes;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Leaderboard;

namespace LedgerCluster.Benchmarks;

/// <summary>
/// What a benchmark board grain does off the request path each time it is dirty (at most 4 times a second): rank a copy
/// of its rows into a new snapshot (order all rows, pair the top 100 on 1,319 GSM8K-sized items), and what a read costs
/// (a 50-row page of the snapshot). Rows are random outcomes, all `verified`, one protocol.
/// Run: `dotnet run -c Release --project tests/LedgerCluster.Benchmarks -- --filter '*BenchmarkBoardSnapshot*'`.
/// </summary>
[MemoryDiagnoser]
public class BenchmarkBoardSnapshotBenchmarks
{
    private const int Items = 1319;
    private static readonly string Hash = new('b', 64);
    private BoardEntrant[] _entrants = [];
    private RankedSnapshot _snapshot = null!;

    [Params(1_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(15);
        var ids = Enumerable.Range(0, Items).Select(i => $"gsm8k-{i}").ToArray();
        var protocol = GenerationProtocol.FromValues([KeyValuePair.Create<string, Core.Json.JValue>("max_tokens", 768)]);
        var standing = RecordStanding.Of(Core.Trust.TrustTier.Verified);
        _entrants = Enumerable.Range(0, Rows).Select(n =>
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
            return new BoardEntrant(summary, standing, null, protocol);
        }).ToArray();
        _snapshot = RankedSnapshot.Build(Hash, _entrants, trust: true);
    }

    [Benchmark]
    public int RebuildSnapshot() => RankedSnapshot.Build(Hash, _entrants, trust: true).Total;

    [Benchmark]
    public int ReadPageOf50() => _snapshot.Page(0, 50).Entries.Length;
}
