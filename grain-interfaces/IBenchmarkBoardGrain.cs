using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// The board of one benchmark content hash (the key): only records of the same tasks, ranked with the paired tests
/// (rank ranges, protocol warnings, truncation, power). Fed by the overall board; on activation it reads its rows from the log.
/// It keeps an immutable ranked snapshot, rebuilt off the request path a few times a second while events arrive, so a read
/// costs the page it returns.
/// </summary>
[Alias("ledger.IBenchmarkBoardGrain")]
public interface IBenchmarkBoardGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(RecordSummary[] records);

    [Alias("ShardWitnessed")]
    Task ShardWitnessed(int shard, long witnessedSize);

    /// <summary>The reproduction evidence of the record at <paramref name="position"/> changed.</summary>
    [Alias("ReproductionChanged")]
    Task ReproductionChanged(LogPosition position, ReproductionEvidence evidence);

    /// <summary>
    /// Rows <paramref name="offset"/> onwards (at most <paramref name="limit"/>) of the latest snapshot, ranked by trust
    /// (tier, accuracy, id) or, when <paramref name="trust"/> is false, by accuracy alone; with the board's group.
    /// </summary>
    /// <summary>Tells the overall board this board's size (after the overall board came up); activates the board if needed.</summary>
    [OneWay, Alias("Announce")]
    Task Announce();

    [AlwaysInterleave, Alias("GetPage")]
    Task<BoardPage> GetPage(int offset, int limit, bool trust);

    /// <summary>Every row, after bringing the snapshot up to date with every event already received (tools and tests).</summary>
    [AlwaysInterleave, Alias("GetFreshPage")]
    Task<BoardPage> GetFreshPage(bool trust);
}
