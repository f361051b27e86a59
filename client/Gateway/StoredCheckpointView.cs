namespace LedgerCluster.Client.Gateway;

/// <summary>One entry of `GET /v1/shards/{n}/checkpoints`: the stored size and root beside the signed note.</summary>
public sealed record StoredCheckpointView(long Size, byte[] Root, string Note);
