namespace LedgerCluster.Grains.Storage;

/// <summary>One leaf without its record: the index and the leaf data (the record id's raw bytes, 32 when sound).</summary>
public sealed record StoredLeaf(long Index, byte[] RecordId);
