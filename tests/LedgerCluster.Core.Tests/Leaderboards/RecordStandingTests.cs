using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Tests.Leaderboards;

public sealed class RecordStandingTests
{
    private static readonly TrustEvidence Logged = new(IntegrityHolds: true, SignatureHolds: true);

    [Fact]
    public void A_contradicted_aggregate_makes_the_record_self_reported_with_the_reason()
    {
        var standing = RecordStanding.Decide(Logged with { InQuorumCheckpoint = true }, contradiction: "aggregate accuracy 0.9 but results give 0.5");

        Assert.Equal(TrustTier.SelfReported, standing.Tier);
        Assert.Equal("self_reported", standing.TierName);
        Assert.Equal("self-reported: aggregate accuracy 0.9 but results give 0.5", standing.Verdict);
    }

    [Fact]
    public void Failed_checks_are_named_and_a_pending_reason_is_kept_only_while_signed()
    {
        Assert.Equal("self-reported: the signature does not verify", RecordStanding.Decide(Logged with { SignatureHolds = false }).Reason);
        Assert.Equal("self-reported: the content hash does not match the body", RecordStanding.Decide(Logged with { IntegrityHolds = false }).Reason);
        Assert.Equal("self-reported: the aggregate does not follow from the results", RecordStanding.Decide(Logged with { SelfConsistent = false }).Reason);

        var signed = RecordStanding.Decide(Logged, pending: "shard 2 has not signed a checkpoint covering index 7 yet");
        Assert.Equal(new RecordStanding(TrustTier.Signed, "shard 2 has not signed a checkpoint covering index 7 yet"), signed);
        Assert.Null(signed.Verdict);

        var verified = RecordStanding.Decide(Logged with { InQuorumCheckpoint = true }, pending: "no longer pending");
        Assert.Equal(new RecordStanding(TrustTier.Verified), verified);
        Assert.Equal(0.80, verified.Score);
        Assert.Equal(TrustTier.Reproduced, RecordStanding.Decide(Logged with { InQuorumCheckpoint = true, ReproducedByCluster = true }).Tier);
    }
}
