namespace LedgerCluster.Api;

/// <summary>
/// The data of one `change` event of `GET /v1/leaderboard/stream`: what changed, and the changed rows of one benchmark
/// board (`benchmark_hash`) with their rank on it; `total` is that board's size. A record is `added` once, then in a
/// `tier` event only when its tier moves.
/// </summary>
public sealed record BoardChangeEvent(string Kind, int Total, LeaderboardRow[] Entries, string BenchmarkHash = "");
