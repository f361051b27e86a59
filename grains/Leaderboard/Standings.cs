using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>A logged record's evidence as <see cref="RecordStanding.Decide"/> reads it: the one place its tier and reason are decided.</summary>
public static class Standings
{
    public static RecordStanding Of(RecordSummary record, IReadOnlyDictionary<int, long> witnessed, ReproductionEvidence? evidence) =>
        RecordStanding.Decide(Evidence(record.Position is { } p && p.Index < witnessed.GetValueOrDefault(p.Shard), evidence, record.Contradiction is null),
            record.Contradiction);

    /// <summary>The tier of a compact row: the same evidence as <see cref="Of"/> reads, from the row's position and flag.</summary>
    public static TrustTier TierOf(CompactRow row, IReadOnlyDictionary<int, long> witnessed, ReproductionEvidence? evidence) =>
        TrustTiers.Of(Evidence(row.Index < witnessed.GetValueOrDefault(row.Shard), evidence, !row.Contradicted));

    /// <summary>
    /// What is known of a logged record: it passed the gateway's integrity and signature checks; whether a quorum checkpoint
    /// covers it, what reproduction showed, and whether its aggregate agrees with its own results (if not, self-reported).
    /// </summary>
    public static TrustEvidence Evidence(bool inQuorumCheckpoint, ReproductionEvidence? evidence, bool selfConsistent) => new(
        IntegrityHolds: true,
        SignatureHolds: true,
        InQuorumCheckpoint: inQuorumCheckpoint,
        ReproducedByCluster: evidence?.ByCluster?.Reproduced == true,
        ReproducedAttestationQuorum: evidence?.AttestationQuorum == true,
        ReproductionFailed: evidence?.ByCluster?.Reproduced == false,
        SelfConsistent: selfConsistent);
}
