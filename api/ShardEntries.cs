namespace LedgerCluster.Api;

/// <summary>`GET /v1/shards/{n}/entries`: one page of leaves, `{entries: [{index, record_id}]}`.</summary>
public sealed record ShardEntries(ShardEntry[] Entries);
