using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A ranked board (key: "all", or <see cref="LeaderboardKeys.ForBenchmark"/>), fed by events: shards send the "all" board each committed batch and
/// their witnessed sizes, record grains send reproduction evidence; the "all" board forwards each to the benchmark's board.
/// </summary>
[Alias("ledger.ILeaderboardGrain")]
public interface ILeaderboardGrain : IGrainWithStringKey
{
    /// <summary>Records just logged (each with its <see cref="RecordSummary.Position"/>).</summary>
    [Alias("Add")]
    Task Add(RecordSummary[] records);

    /// <summary>A benchmark was registered: its logged records that the cluster can re-run, and has not, are re-run now.</summary>
    [Alias("BenchmarkRegistered")]
    Task BenchmarkRegistered(string benchmarkId);

    /// <summary>A shard's witnessed size grew: its records below <paramref name="witnessedSize"/> are now `verified`.</summary>
    [Alias("ShardWitnessed")]
    Task ShardWitnessed(int shard, long witnessedSize);

    /// <summary>A record's reproduction evidence changed (a re-run finished, or attestations reached a quorum).</summary>
    [Alias("ReproductionChanged")]
    Task ReproductionChanged(string recordId, ReproductionEvidence evidence);

    /// <summary>Ranked rows; <paramref name="benchmark"/> filters by benchmark id when given.</summary>
    [ReadOnly, Alias("GetEntries")]
    Task<LeaderboardEntry[]> GetEntries(string? benchmark);

    /// <summary>
    /// Rows <paramref name="offset"/> onwards (at most <paramref name="limit"/>), ranked by trust (tier, accuracy, id)
    /// or, when <paramref name="trust"/> is false, by accuracy alone.
    /// </summary>
    [ReadOnly, Alias("GetPage")]
    Task<BoardPage> GetPage(int offset, int limit, bool trust);

    /// <summary>The benchmark ids on this board with their number of records, by id.</summary>
    [ReadOnly, Alias("GetBenchmarks")]
    Task<KeyValuePair<string, int>[]> GetBenchmarks();

    /// <summary>What a benchmark's board starts from (asked of the "all" board).</summary>
    [ReadOnly, Alias("GetSnapshot")]
    Task<BoardSnapshot> GetSnapshot(string benchmark);

    /// <summary>Subscribes for changes; subscriptions expire, so renew before <see cref="LeaderboardKeys.SubscriptionLifetime"/>.</summary>
    [Alias("Subscribe")]
    Task Subscribe(ILeaderboardObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ILeaderboardObserver observer);
}
