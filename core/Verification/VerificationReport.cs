using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Verification;

/// <summary>The outcome of verifying one record: its checks, the overall verdict and the tier the evidence supports.</summary>
public sealed record VerificationReport(string? RecordId, IReadOnlyList<CheckResult> Checks, TrustTier Tier)
{
    /// <summary>VERIFIED when integrity and signature hold and no check that ran failed.</summary>
    public bool Verified =>
        Checks.All(c => c.Status != CheckStatus.Failed)
        && Checks.Any(c => c.Name == CheckNames.Integrity && c.Status == CheckStatus.Ok)
        && Checks.Any(c => c.Name == CheckNames.Signature && c.Status == CheckStatus.Ok);

    public string Overall => Verified ? "VERIFIED" : "NOT VERIFIED";

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
