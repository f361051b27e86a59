namespace LedgerCluster.Grains.Storage;

/// <summary>A record as the log holds it.</summary>
public sealed record StoredRecord(string RecordId, int Shard, long Index, byte[] Json);
