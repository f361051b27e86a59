namespace LedgerCluster.Api;

/// <summary>The data of one `change` event of `GET /v1/leaderboard/stream`: what changed, the board's total, and the changed rows.</summary>
public sealed record BoardChangeEvent(string Kind, int Total, LeaderboardRow[] Entries);
