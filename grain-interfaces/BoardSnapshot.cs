namespace LedgerCluster.GrainInterfaces;

/// <summary>Everything a benchmark board needs to start: its records, the shards' witnessed sizes and reproduction evidence.</summary>
[GenerateSerializer, Immutable, Alias("ledger.BoardSnapshot")]
public sealed record BoardSnapshot(
    [property: Id(0)] RecordSummary[] Records,
    [property: Id(1)] Dictionary<int, long> Witnessed,
    [property: Id(2)] Dictionary<string, ReproductionEvidence> Evidence);
