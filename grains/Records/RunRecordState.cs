using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Records;

/// <summary>What a record grain persists; the record itself lives in the log.</summary>
[GenerateSerializer, Alias("ledger.RunRecordState")]
public sealed class RunRecordState
{
    [Id(0)] public List<Attestation> Attestations { get; set; } = [];

    /// <summary>The cluster's re-run of the record, when its model is deterministic.</summary>
    [Id(1)] public ReproductionOutcome? Reproduction { get; set; }
}
