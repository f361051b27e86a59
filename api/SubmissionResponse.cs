namespace LedgerCluster.Api;

/// <summary>
/// The 200 body of a submission: `{record_id, shard, index, tier, checkpoint, inclusion_proof[]}`, plus `duplicate`
/// (the body was already in the log) and `tier_reason` while the record is `signed` (logged, but no checkpoint covering
/// it meets the witness policy yet). Also one line of a batch's NDJSON answer.
/// </summary>
public sealed record SubmissionResponse(string RecordId, int Shard, long Index, string Tier, string Checkpoint, string[] InclusionProof, bool Duplicate, string? TierReason);
