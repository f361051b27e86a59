namespace LedgerCluster.GrainInterfaces;

/// <summary>A logged record with what is known about it.</summary>
[GenerateSerializer, Immutable, Alias("ledger.RecordView")]
public sealed record RecordView(
    [property: Id(0)] byte[] RecordJson,
    [property: Id(1)] LogPosition Position,
    [property: Id(2)] Attestation[] Attestations,
    [property: Id(3)] string Tier,
    [property: Id(4)] ReproductionOutcome? Reproduction = null)
{
    /// <summary>The tier as a value (decided by RecordStanding in the record grain): callers compare this, never the name.</summary>
    public Core.Trust.TrustTier TrustTier => Core.Trust.TrustTiers.TryParse(Tier, out var tier) ? tier : Core.Trust.TrustTier.SelfReported;
}
