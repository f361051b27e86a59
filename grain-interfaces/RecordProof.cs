namespace LedgerCluster.GrainInterfaces;

/// <summary>Everything a `.tlog-proof` file holds for one record.</summary>
[GenerateSerializer, Immutable, Alias("ledger.RecordProof")]
public sealed record RecordProof(
    [property: Id(0)] LogPosition Position,
    [property: Id(1)] byte[][] Hashes,
    [property: Id(2)] string Checkpoint);
