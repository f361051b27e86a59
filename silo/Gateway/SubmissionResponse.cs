using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// The 200 body of a submission: `{record_id, shard, index, tier, checkpoint, inclusion_proof[]}`, plus `tier_reason`
/// while the record is `signed` (logged, but no checkpoint covering it meets the witness policy yet).
/// </summary>
public sealed record SubmissionResponse(string RecordId, int Shard, long Index, string Tier, string Checkpoint, string[] InclusionProof, bool Duplicate, string? TierReason)
{
    public static SubmissionResponse From(AppendResult result, string? tierReason, string? contradiction = null) => new(
        result.RecordId, result.Position.Shard, result.Position.Index,
        // Logged records passed the gateway's checks; they are `verified` once a checkpoint meeting the policy covers them,
        // unless their aggregate contradicts their results: logged, but self-reported, with the contradiction as the reason.
        TrustTiers.Name(TrustTiers.Of(new TrustEvidence(IntegrityHolds: true, SignatureHolds: true, InQuorumCheckpoint: result.Position.Index < result.WitnessedSize,
            SelfConsistent: contradiction is null))),
        result.Checkpoint, result.InclusionProof.Select(Convert.ToBase64String).ToArray(), result.Duplicate,
        contradiction is null ? tierReason : $"self-reported: {contradiction}");
}
