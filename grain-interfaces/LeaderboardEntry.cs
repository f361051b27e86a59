namespace LedgerCluster.GrainInterfaces;

/// <summary>One ranked row of a trust leaderboard (FORMATS.md section 6).</summary>
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
    [property: Id(8)] string RecordId);
