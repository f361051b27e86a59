namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A record's reproduction evidence as its record grain knows it: the cluster's re-run (if any) and whether a policy
/// quorum of witnesses attested `reproduced`. Sent to the boards whenever it changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.ReproductionEvidence")]
public sealed record ReproductionEvidence(
    [property: Id(0)] ReproductionOutcome? ByCluster,
    [property: Id(1)] bool AttestationQuorum);
