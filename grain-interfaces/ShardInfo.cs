namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A shard as `GET /v1/shards` lists it. <see cref="WitnessedSize"/> is the size of the latest checkpoint that
/// satisfies the witness policy (the latest signed size when no policy is configured): records below it are `verified`.
/// <see cref="SignedAt"/> is when the shard signed its latest checkpoint (its activation, for a checkpoint stored before
/// signing times were kept) and <see cref="WaitingEntries"/> the appends not yet under a signed checkpoint: readiness and
/// `/metrics` tell a shard that stopped signing by them.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.ShardInfo")]
public sealed record ShardInfo(
    [property: Id(0)] int Shard,
    [property: Id(1)] string Origin,
    [property: Id(2)] long Size,
    [property: Id(3)] string VerifierKey,
    [property: Id(4)] long WitnessedSize,
    [property: Id(5)] DateTimeOffset? SignedAt = null,
    [property: Id(6)] long WaitingEntries = 0);
