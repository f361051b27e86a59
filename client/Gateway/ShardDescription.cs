namespace LedgerCluster.Client.Gateway;

/// <summary>One entry of `GET /v1/shards`.</summary>
public sealed record ShardDescription(int Shard, string Origin, long Size, string VerifierKey);
