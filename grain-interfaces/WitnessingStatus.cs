namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A shard's witnessing: the latest checkpoint size handed to witnesses, the largest size that met the policy, each
/// witness's progress, and <see cref="Reason"/>: why the latest checkpoint is not (yet) witnessed, or null when it is.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.WitnessingStatus")]
public sealed record WitnessingStatus(
    [property: Id(0)] int Shard,
    [property: Id(1)] string? Quorum,
    [property: Id(2)] long LatestSize,
    [property: Id(3)] long WitnessedSize,
    [property: Id(4)] WitnessProgress[] Witnesses,
    [property: Id(5)] string? Reason);
