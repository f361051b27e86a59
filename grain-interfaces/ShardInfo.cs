namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A shard as `GET /v1/shards` lists it. <see cref="WitnessedSize"/> is the size of the latest checkpoint that
/// satisfies the witness policy (the latest signed size when no policy is configured): records below it are `verified`.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.ShardInfo")]
public sealed record ShardInfo(
    [property: Id(0)] int Shard,
    [property: Id(1)] string Origin,
    [property: Id(2)] long Size,
    [property: Id(3)] string VerifierKey,
    [property: Id(4)] long WitnessedSize);
