namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>
/// Where a record's score goes on the Hub: the benchmark dataset id, the task id of its eval.yaml and, if known,
/// the dataset revision. <see cref="FromRecord"/> is false when nothing named a Hub dataset and the benchmark id stands in.
/// </summary>
public sealed record HfDatasetTarget(string DatasetId, string TaskId, string? Revision, bool FromRecord);
