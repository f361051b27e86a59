namespace LedgerCluster.Api;

/// <summary>`GET /v1/shards/{n}/checkpoints`: every checkpoint the shard kept (the latest, and a history thinned to about one per 1/256 of its size), smallest first.</summary>
public sealed record StoredCheckpoints(StoredCheckpointView[] Checkpoints);
