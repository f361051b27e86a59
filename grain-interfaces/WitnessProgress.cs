namespace LedgerCluster.GrainInterfaces;

/// <summary>One witness as a shard's coordinator sees it: where it is reached, the last size it cosigned, and its last answer.</summary>
[GenerateSerializer, Immutable, Alias("ledger.WitnessProgress")]
public sealed record WitnessProgress(
    [property: Id(0)] string Name,
    [property: Id(1)] string Endpoint,
    [property: Id(2)] long CosignedSize,
    [property: Id(3)] bool Healthy,
    [property: Id(4)] string Status);
