using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// A record's standing on the board: its tier and, when the tier needs one, the reason in words ("self-reported: aggregate
/// accuracy 0.9 but results give 0.5", or why a logged record is still only signed). Decided here, once, from the evidence,
/// so no caller re-derives the tier or glues the "self-reported: " prefix onto a string of its own.
/// </summary>
public sealed record RecordStanding(TrustTier Tier, string? Reason = null)
{
    public const string SelfReportedPrefix = "self-reported: ";

    /// <summary>The wire name of the tier: `reproduced`, `verified`, `signed`, `self_reported`.</summary>
    public string TierName => TrustTiers.Name(Tier);

    public double Score => TrustTiers.Score(Tier);

    public bool IsSelfReported => Tier == TrustTier.SelfReported;

    /// <summary>Why the row is self-reported (what the board calls its verdict), or null when it is not.</summary>
    public string? Verdict => IsSelfReported ? Reason : null;

    /// <summary>
    /// The standing the evidence earns. <paramref name="contradiction"/> (what the aggregate claims against what the results
    /// give) makes the record self-reported whatever else holds; <paramref name="pending"/> says why a record that is only
    /// signed is not yet verified (e.g. the witnessing shortfall) and is kept only while the tier is `signed`.
    /// </summary>
    public static RecordStanding Decide(TrustEvidence evidence, string? contradiction = null, string? pending = null)
    {
        var tier = TrustTiers.Of(contradiction is null ? evidence : evidence with { SelfConsistent = false });
        return tier switch
        {
            TrustTier.SelfReported => SelfReported(
                contradiction ?? (evidence is { IntegrityHolds: true, SignatureHolds: true } ? "the aggregate does not follow from the results" : null),
                integrityFailed: !evidence.IntegrityHolds),
            TrustTier.Signed => new(tier, pending),
            _ => new(tier),
        };
    }

    /// <summary>
    /// A tier already decided from stored evidence, with the contradiction that made it self-reported when there is one
    /// (logged records passed the signature checks, so a contradiction is the only reason the board can state).
    /// </summary>
    public static RecordStanding Of(TrustTier tier, string? contradiction = null) =>
        tier == TrustTier.SelfReported && contradiction is not null ? new(tier, SelfReportedPrefix + contradiction) : new(tier);

    /// <summary>Self-reported, with the first reason that applies: the contradiction, else the failed integrity or signature check.</summary>
    public static RecordStanding SelfReported(string? contradiction, bool integrityFailed) => new(TrustTier.SelfReported,
        SelfReportedPrefix + (contradiction ?? (integrityFailed ? "the content hash does not match the body" : "the signature does not verify")));
}
