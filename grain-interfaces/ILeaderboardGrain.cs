using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// The overall board (key <see cref="LeaderboardKeys.All"/>): hears shards (each committed batch, witnessed sizes) and record
/// grains (reproduction evidence) and forwards each event to the <see cref="IBenchmarkBoardGrain"/> of the record's
/// benchmark content hash; keeps the catalog of benchmark boards; relays the boards' changes to observers. It ranks
/// nothing itself: the overall view is the benchmark boards' groups, each ranked on its own, in catalog order.
/// Reads interleave with ingest, so they never queue behind it.
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

    /// <summary>
    /// A record's reproduction evidence changed (a re-run finished, or attestations reached a quorum). The sender names the
    /// record's benchmark content hash and log position, so no board keeps a map of every record to find them.
    /// </summary>
    [Alias("ReproductionChanged")]
    Task ReproductionChanged(string recordId, string benchmarkHash, LogPosition position, ReproductionEvidence evidence);

    /// <summary>
    /// Every row as of every event this board has answered (each benchmark board brought up to date first): the groups in
    /// catalog order, each ranked on its own; <paramref name="benchmark"/> (an id) keeps only its groups. For tools and
    /// tests; the gateway pages through <see cref="GetCatalog"/> and the benchmark boards.
    /// </summary>
    [AlwaysInterleave, Alias("GetEntries")]
    Task<LeaderboardEntry[]> GetEntries(string? benchmark);

    /// <summary>The benchmark boards in view order (benchmark id@version, then content hash), with the rows each one's snapshot holds.</summary>
    [AlwaysInterleave, Alias("GetCatalog")]
    Task<BoardCatalogEntry[]> GetCatalog();

    /// <summary>The benchmark ids on this board with their number of records, by id.</summary>
    [AlwaysInterleave, Alias("GetBenchmarks")]
    Task<KeyValuePair<string, int>[]> GetBenchmarks();

    /// <summary>What a benchmark board (content hash) starts from besides the log: witnessed sizes and its records' evidence.</summary>
    [AlwaysInterleave, Alias("GetSnapshot")]
    Task<BoardSnapshot> GetSnapshot(string benchmarkHash);

    /// <summary>
    /// A benchmark board swapped in a snapshot of <paramref name="rows"/> rows: the catalog counts what the boards serve,
    /// so a page's total always matches rows a read can get (snapshots only grow).
    /// </summary>
    [AlwaysInterleave, OneWay, Alias("BoardRanked")]
    Task BoardRanked(string benchmarkHash, int rows);

    /// <summary>A benchmark board's change, relayed to this board's observers.</summary>
    [AlwaysInterleave, OneWay, Alias("Publish")]
    Task Publish(BoardChange change);

    /// <summary>Subscribes for changes; subscriptions expire, so renew before <see cref="LeaderboardKeys.SubscriptionLifetime"/>.</summary>
    [Alias("Subscribe")]
    Task Subscribe(ILeaderboardObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ILeaderboardObserver observer);
}
