namespace LedgerCluster.Api;

/// <summary>
/// `GET /v1/shards/{n}/witnesses`: the shard's signed and witnessed sizes, the policy's quorum, why the latest checkpoint
/// is not witnessed yet (`reason`, null when it is), and each witness's progress.
/// </summary>
public sealed record WitnessingResponse(int Shard, string? Quorum, long SignedSize, long WitnessedSize, string? Reason, WitnessProgressView[] Witnesses);
