namespace LedgerCluster.Grains.Storage;

/// <summary>What a shard reads to resume: how many leaves the store holds, and its latest signed checkpoint (a bounded read).</summary>
public sealed record StoredHead(long Size, StoredCheckpoint? Latest);
