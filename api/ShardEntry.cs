namespace LedgerCluster.Api;

/// <summary>One leaf of a shard as stored: its index and the record id it logs.</summary>
public sealed record ShardEntry(long Index, string RecordId);
