namespace LedgerCluster.Api;

/// <summary>
/// One benchmark board as a group of the overall view (`GET /v1/leaderboard/groups`): its benchmark and content hash,
/// its size, its #1 row (what each row's "compare with #1" opens), how many top rows the paired tests cover (rows below
/// have no rank range), the most common protocol, and the power line.
/// </summary>
public sealed record LeaderboardGroup(string Benchmark, string BenchmarkHash, int Total, string? TopRecordId, int TestedRows, string? CommonProtocol,
    LeaderboardPower Power);
