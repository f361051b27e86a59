namespace LedgerCluster.Api;

/// <summary>`GET /v1/shards/{n}/checkpoints`: every checkpoint the shard stored, smallest first.</summary>
public sealed record StoredCheckpoints(StoredCheckpointView[] Checkpoints);
