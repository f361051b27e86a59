namespace LedgerCluster.GrainInterfaces;

/// <summary>Where a record sits in the log: its shard and leaf index.</summary>
[GenerateSerializer, Immutable, Alias("ledger.LogPosition")]
public sealed record LogPosition([property: Id(0)] int Shard, [property: Id(1)] long Index);
