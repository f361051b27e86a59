namespace LedgerCluster.GrainInterfaces;

/// <summary>A verified record on its way into a shard: its id (the leaf data), its bytes, and its summary.</summary>
[GenerateSerializer, Immutable, Alias("ledger.LogAppend")]
public sealed record LogAppend(
    [property: Id(0)] string RecordId,
    [property: Id(1)] byte[] RecordJson,
    [property: Id(2)] RecordSummary Summary);
