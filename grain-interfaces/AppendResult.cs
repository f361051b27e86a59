namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A durable append: the record's position, the signed checkpoint it is included under and the inclusion
/// proof against that checkpoint. <see cref="Duplicate"/> is true when the body was already in the log;
/// <see cref="WitnessedSize"/> is the shard's witnessed size when it answered (the record is `verified` below it).
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.AppendResult")]
public sealed record AppendResult(
    [property: Id(0)] string RecordId,
    [property: Id(1)] LogPosition Position,
    [property: Id(2)] string Checkpoint,
    [property: Id(3)] byte[][] InclusionProof,
    [property: Id(4)] bool Duplicate,
    [property: Id(5)] long WitnessedSize = 0);
