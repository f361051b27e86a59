using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>
/// One entry of a `.eval_results/*.yaml` list (hub-docs eval_results.yaml): `dataset {id, task_id, revision?}`, `value`,
/// `date?`, `source {url, name}?`, `notes`. `verifyToken` is never written: it is Hugging Face's proof of a run on its
/// own jobs, which a LedgerCluster record is not. The record id, tier and log position ride in `notes` and `source.url`.
/// </summary>
public sealed record HfEvalResult(
    HfDatasetTarget Dataset,
    double Value,
    string? Date,
    string? SourceUrl,
    string Notes,
    string RecordId,
    TrustTier Tier,
    DateTimeOffset? CreatedAt);
