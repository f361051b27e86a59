namespace LedgerCluster.Client.Gateway;

/// <summary>One leaf of `GET /v1/shards/{n}/entries`.</summary>
public sealed record ShardEntry(long Index, string RecordId);
