namespace LedgerCluster.Grains.Storage;

/// <summary>Where the log holds a record: its shard and leaf index.</summary>
public sealed record StoredPosition(int Shard, long Index);
