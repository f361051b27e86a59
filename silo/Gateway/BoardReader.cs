using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>Reads one page of a board; a benchmark the log does not hold gets an empty page without activating a board for it.</summary>
public static class BoardReader
{
    /// <param name="benchmarks">The "all" board's benchmarks when the caller already holds them (else they are asked for if needed).</param>
    public static async Task<BoardPage> GetPageAsync(IGrainFactory grains, BoardQuery query, int limit, IReadOnlyList<KeyValuePair<string, int>>? benchmarks = null)
    {
        if (query.Benchmark is { } benchmark
            && !(benchmarks ?? await grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetBenchmarks()).Any(b => b.Key == benchmark))
            return new BoardPage([], 0);
        return await grains.GetGrain<ILeaderboardGrain>(query.GrainKey).GetPage(query.Offset, limit, query.Trust);
    }
}
