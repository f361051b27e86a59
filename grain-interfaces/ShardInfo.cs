namespace LedgerCluster.GrainInterfaces;

/// <summary>A shard as `GET /v1/shards` lists it.</summary>
[GenerateSerializer, Immutable, Alias("ledger.ShardInfo")]
public sealed record ShardInfo(
    [property: Id(0)] int Shard,
    [property: Id(1)] string Origin,
    [property: Id(2)] long Size,
    [property: Id(3)] string VerifierKey);
