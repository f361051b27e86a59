namespace LedgerCluster.Core.Trust;

/// <summary>How much evidence backs a result (FORMATS.md section 5); higher is better, so tiers sort by value.</summary>
public enum TrustTier
{
    SelfReported = 0,
    Signed = 1,
    Verified = 2,
    Reproduced = 3,
}
