using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Verification;

/// <summary>
/// The outcome of verifying one record: its checks, the tier the evidence supports and, when the record's aggregate
/// contradicts its own results, what it claims against what they give.
/// </summary>
public sealed record VerificationReport(string? RecordId, IReadOnlyList<CheckResult> Checks, TrustTier Tier, string? Contradiction = null)
{
    /// <summary>True when integrity and signature hold and no check that ran failed.</summary>
    public bool Verified =>
        Checks.All(c => c.Status != CheckStatus.Failed)
        && Checks.Any(c => c.Name == CheckNames.Integrity && c.Status == CheckStatus.Ok)
        && Checks.Any(c => c.Name == CheckNames.Signature && c.Status == CheckStatus.Ok);

    /// <summary>
    /// The verdict: the strongest tier the checks established, in the board's words (SIGNED, VERIFIED, REPRODUCED),
    /// or FAILED when a check failed. A record without a proof is SIGNED, as the board calls it.
    /// </summary>
    public string Overall => Verified ? TrustTiers.Name(Tier).ToUpperInvariant() : "FAILED";

    /// <summary>The record's standing on a board: the tier and, when self-reported, why.</summary>
    public RecordStanding Standing => Tier != TrustTier.SelfReported ? new(Tier)
        : RecordStanding.SelfReported(Contradiction, integrityFailed: Checks.Any(c => c.Name == CheckNames.Integrity && c.Status == CheckStatus.Failed));

    /// <summary>Why the record ranks as self-reported (null when it does not), as a board row shows it.</summary>
    public string? SelfReportedReason => Standing.Verdict;

    public IEnumerable<string> Lines() => Checks.Select(c => c.ToString()).Append($"Overall: {Overall}");

    public JObject ToJson() => new()
    {
        { "record_id", RecordId is null ? JNull.Instance : RecordId },
        { "checks", new JArray(Checks.Select(c => (JValue)c.ToJson()).ToList()) },
        { "tier", TrustTiers.Name(Tier) },
        { "overall", Overall },
        { "verified", Verified },
    };
}
