namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// What the cluster's re-run of a deterministic record found: <see cref="Reproduced"/> when the body hash matched,
/// else <see cref="Detail"/> names the first difference (a failed reproduction is shown, never hidden).
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.ReproductionOutcome")]
public sealed record ReproductionOutcome(
    [property: Id(0)] bool Reproduced,
    [property: Id(1)] string Detail,
    [property: Id(2)] string CheckedAt);
