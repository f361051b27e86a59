namespace LedgerCluster.GrainInterfaces;

/// <summary>A record's truncation (core's TruncationRate): truncated of known items, of all items, and how it was found.</summary>
[GenerateSerializer, Immutable, Alias("ledger.TruncationCounts")]
public sealed record TruncationCounts(
    [property: Id(0)] int Truncated,
    [property: Id(1)] int Known,
    [property: Id(2)] int Items,
    [property: Id(3)] int Method);
