namespace LedgerCluster.Core.Log;

/// <summary>What a shard reports of its signing: when it last signed a checkpoint and how many entries wait for one.</summary>
public sealed record ShardSigning(int Shard, DateTimeOffset SignedAt, long WaitingEntries);
