using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>A logged record's evidence as <see cref="RecordStanding.Decide"/> reads it: the one place its tier and reason are decided.</summary>
public static class Standings
{
    // Every record on a board passed the gateway's integrity and signature checks; one whose aggregate its results contradict is self-reported.
    public static RecordStanding Of(RecordSummary record, IReadOnlyDictionary<int, long> witnessed, ReproductionEvidence? evidence) =>
        RecordStanding.Decide(new TrustEvidence(
            IntegrityHolds: true,
            SignatureHolds: true,
            InQuorumCheckpoint: record.Position is { } p && p.Index < witnessed.GetValueOrDefault(p.Shard),
            ReproducedByCluster: evidence?.ByCluster?.Reproduced == true,
            ReproducedAttestationQuorum: evidence?.AttestationQuorum == true,
            ReproductionFailed: evidence?.ByCluster?.Reproduced == false,
            SelfConsistent: record.Contradiction is null), record.Contradiction);

    /// <summary>The tier of a compact row: the same evidence as <see cref="Of"/> reads, from the row's position and flag.</summary>
    public static TrustTier TierOf(CompactRow row, IReadOnlyDictionary<int, long> witnessed, ReproductionEvidence? evidence) =>
        TrustTiers.Of(new TrustEvidence(
            IntegrityHolds: true,
            SignatureHolds: true,
            InQuorumCheckpoint: row.Index < witnessed.GetValueOrDefault(row.Shard),
            ReproducedByCluster: evidence?.ByCluster?.Reproduced == true,
            ReproducedAttestationQuorum: evidence?.AttestationQuorum == true,
            ReproductionFailed: evidence?.ByCluster?.Reproduced == false,
            SelfConsistent: !row.Contradicted));
}
