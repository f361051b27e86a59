using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>The 200 body of a submission: `{record_id, shard, index, tier, checkpoint, inclusion_proof[]}`.</summary>
public sealed record SubmissionResponse(string RecordId, int Shard, long Index, string Tier, string Checkpoint, string[] InclusionProof, bool Duplicate)
{
    public static SubmissionResponse From(AppendResult result) => new(
        result.RecordId, result.Position.Shard, result.Position.Index,
        // Included under a checkpoint the shard signed; with no witness policy configured, that is `verified`.
        TrustTiers.Name(TrustTier.Verified),
        result.Checkpoint, result.InclusionProof.Select(Convert.ToBase64String).ToArray(), result.Duplicate);
}
