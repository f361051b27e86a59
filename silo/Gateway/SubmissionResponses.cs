using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>A shard's append result as the contract's <see cref="SubmissionResponse"/>.</summary>
public static class SubmissionResponses
{
    extension(SubmissionResponse)
    {
        public static SubmissionResponse From(AppendResult result, string? tierReason, string? contradiction = null)
        {
            // Logged records passed the gateway's checks; they are `verified` once a checkpoint meeting the policy covers them,
            // unless their aggregate contradicts their results: logged, but self-reported, with the contradiction as the reason.
            var standing = RecordStanding.Decide(new TrustEvidence(IntegrityHolds: true, SignatureHolds: true,
                InQuorumCheckpoint: result.Position.Index < result.WitnessedSize), contradiction, pending: tierReason);
            return new(result.RecordId, result.Position.Shard, result.Position.Index, standing.TierName,
                result.Checkpoint, result.InclusionProof.Select(Convert.ToBase64String).ToArray(), result.Duplicate, standing.Reason);
        }
    }
}
