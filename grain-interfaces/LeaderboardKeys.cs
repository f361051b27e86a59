namespace LedgerCluster.GrainInterfaces;

public static class LeaderboardKeys
{
    /// <summary>The board over every benchmark.</summary>
    public const string All = "all";

    /// <summary>One benchmark's board (prefixed, so no benchmark id can name the "all" board).</summary>
    public static string ForBenchmark(string benchmarkId) => BenchmarkPrefix + benchmarkId;

    public const string BenchmarkPrefix = "benchmark:";

    /// <summary>How long a board keeps an observer that does not renew its subscription.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);
}
