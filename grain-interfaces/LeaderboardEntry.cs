namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// One ranked row of a trust leaderboard (FORMATS.md section 6), plus <see cref="Passed"/> (for the Wilson interval)
/// and <see cref="ReproductionFailure"/>: what differed when the cluster's re-run did not reproduce the record, and
/// <see cref="Verdict"/>: why a row is self-reported (e.g. "self-reported: aggregate accuracy 0.9 but results give 0.5").
/// <see cref="Rank"/> is the row's place on its benchmark board (content hash): groups rank on their own.
/// <see cref="RankRange"/> is [lo, hi] from the paired tests, or null beyond the tested rows; the protocol hash and its
/// differences from the board's most common protocol; the truncation rate (null when unknown), its method, and a warning
/// when it differs from the #1 row's.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.LeaderboardEntry")]
public sealed record LeaderboardEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string Tier,
    [property: Id(2)] double Score,
    [property: Id(3)] string Benchmark,
    [property: Id(4)] string Model,
    [property: Id(5)] double Accuracy,
    [property: Id(6)] int Tasks,
    [property: Id(7)] string? Signer,
    [property: Id(8)] string RecordId,
    [property: Id(9)] int Passed = 0,
    [property: Id(10)] string? ReproductionFailure = null,
    [property: Id(11)] string? Verdict = null,
    [property: Id(12)] int[]? RankRange = null,
    [property: Id(13)] string BenchmarkHash = "",
    [property: Id(14)] string Protocol = "",
    [property: Id(15)] string[]? ProtocolWarnings = null,
    [property: Id(16)] double? TruncationRate = null,
    [property: Id(17)] string TruncationMethod = "not_recorded",
    [property: Id(18)] string? TruncationWarning = null);
