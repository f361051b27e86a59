namespace LedgerCluster.Grains.Storage;

/// <summary>One leaf of a shard: the record id (raw 32 bytes, the leaf data) and the record's JSON.</summary>
public sealed record StoredEntry(long Index, byte[] RecordId, byte[] RecordJson);
