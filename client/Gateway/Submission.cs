namespace LedgerCluster.Client.Gateway;

/// <summary>A gateway's answer to one submitted record: where it is logged and the proof of it, or why it was refused.</summary>
public sealed record Submission(
    string? RecordId,
    int Shard,
    long Index,
    string? Tier,
    string? Checkpoint,
    IReadOnlyList<byte[]> InclusionProof,
    bool Duplicate,
    int Status,
    string? Error,
    string? Detail)
{
    public bool Accepted => Status is 200 or 202;
}
