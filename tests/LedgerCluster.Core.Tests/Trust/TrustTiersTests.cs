using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Tests.Trust;

public sealed class TrustTiersTests
{
    [Theory]
    [InlineData(false, true, true, true, false, TrustTier.SelfReported)]
    [InlineData(true, false, true, true, false, TrustTier.SelfReported)]
    [InlineData(true, true, false, true, false, TrustTier.Signed)]
    [InlineData(true, true, true, false, false, TrustTier.Verified)]
    [InlineData(true, true, true, true, false, TrustTier.Reproduced)]
    [InlineData(true, true, true, true, true, TrustTier.Verified)]
    public void Tier_follows_the_evidence(bool integrity, bool signature, bool quorum, bool reproduced, bool failed, TrustTier expected) =>
        Assert.Equal(expected, TrustTiers.Of(new TrustEvidence(integrity, signature, quorum, ReproducedByCluster: reproduced, ReproductionFailed: failed)));

    [Fact]
    public void Attestation_quorum_counts_as_reproduction_only_when_verified()
    {
        Assert.Equal(TrustTier.Reproduced, TrustTiers.Of(new TrustEvidence(true, true, true, ReproducedAttestationQuorum: true)));
        Assert.Equal(TrustTier.Signed, TrustTiers.Of(new TrustEvidence(true, true, false, ReproducedAttestationQuorum: true)));
    }

    [Fact]
    public void Scores_and_names_match_the_spec()
    {
        Assert.Equal([0.2, 0.5, 0.8, 1.0], Enum.GetValues<TrustTier>().Select(TrustTiers.Score));
        Assert.Equal(["self_reported", "signed", "verified", "reproduced"], Enum.GetValues<TrustTier>().Select(TrustTiers.Name));
        Assert.True(TrustTiers.TryParse("self-reported", out var t) && t == TrustTier.SelfReported);
        Assert.False(TrustTiers.TryParse("gold", out _));
    }
}
