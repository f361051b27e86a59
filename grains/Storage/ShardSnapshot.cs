namespace LedgerCluster.Grains.Storage;

/// <summary>What a shard needs to resume: its leaves' record ids in order, and its latest signed checkpoint.</summary>
public sealed record ShardSnapshot(IReadOnlyList<byte[]> RecordIds, StoredCheckpoint? Latest);
