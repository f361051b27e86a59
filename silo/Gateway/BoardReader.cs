using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>Reads one page of a board; a benchmark the log does not hold gets an empty page without activating a board for it.</summary>
public static class BoardReader
{
    public static async Task<BoardPage> GetPageAsync(IGrainFactory grains, BoardQuery query, int limit)
    {
        if (query.Benchmark is { } benchmark
            && !(await grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetBenchmarks()).Any(b => b.Key == benchmark))
            return new BoardPage([], 0);
        return await grains.GetGrain<ILeaderboardGrain>(query.GrainKey).GetPage(query.Offset, limit, query.Trust);
    }
}
