namespace LedgerCluster.Core.Trust;

/// <summary>Tier rules, scores and names of FORMATS.md section 5.</summary>
public static class TrustTiers
{
    public static TrustTier Of(TrustEvidence e)
    {
        if (!e.IntegrityHolds || !e.SignatureHolds || !e.SelfConsistent) return TrustTier.SelfReported;
        if (!e.InQuorumCheckpoint) return TrustTier.Signed;
        if (e.ReproductionFailed) return TrustTier.Verified;
        return e.ReproducedByCluster || e.ReproducedAttestationQuorum ? TrustTier.Reproduced : TrustTier.Verified;
    }

    public static double Score(TrustTier tier) => tier switch
    {
        TrustTier.Reproduced => 1.00,
        TrustTier.Verified => 0.80,
        TrustTier.Signed => 0.50,
        _ => 0.20,
    };

    /// <summary>The wire name: `reproduced`, `verified`, `signed`, `self_reported`.</summary>
    public static string Name(TrustTier tier) => tier switch
    {
        TrustTier.Reproduced => "reproduced",
        TrustTier.Verified => "verified",
        TrustTier.Signed => "signed",
        _ => "self_reported",
    };

    public static bool TryParse(string? name, out TrustTier tier)
    {
        foreach (var candidate in Enum.GetValues<TrustTier>())
        {
            if (string.Equals(Name(candidate), name?.Replace('-', '_'), StringComparison.OrdinalIgnoreCase))
            {
                tier = candidate;
                return true;
            }
        }
        tier = TrustTier.SelfReported;
        return false;
    }
}
