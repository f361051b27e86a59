using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>A shard's append result as the contract's <see cref="SubmissionResponse"/>.</summary>
public static class SubmissionResponses
{
    extension(SubmissionResponse)
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
}
