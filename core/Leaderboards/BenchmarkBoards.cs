namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// The overall view: one <see cref="BenchmarkBoard"/> per benchmark content hash, each ranked on its own, so different
/// benchmarks are never ranked against each other. Boards come in benchmark name order, then content hash.
/// </summary>
public static class BenchmarkBoards
{
    public static IReadOnlyList<BenchmarkBoard> Rank(IEnumerable<BoardRecord> records, bool trust = true) =>
        records.GroupBy(r => r.BenchmarkContentHash, StringComparer.Ordinal)
            .Select(g => BenchmarkBoard.Rank(g.ToList(), trust))
            .OrderBy(b => b.Benchmark, StringComparer.Ordinal).ThenBy(b => b.BenchmarkContentHash, StringComparer.Ordinal)
            .ToList();
}
