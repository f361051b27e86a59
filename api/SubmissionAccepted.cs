namespace LedgerCluster.Api;

/// <summary>The 202 body of `POST /v1/records?wait=false`: `{record_id, shard}`, accepted but not yet durable.</summary>
public sealed record SubmissionAccepted(string RecordId, int Shard);
