namespace LedgerCluster.Api;

/// <summary>
/// One refused line of a batch's NDJSON answer: `{status, error, detail}`, the status the record would have had alone
/// and the <see cref="ApiError"/> fields, the detail naming the line.
/// </summary>
public sealed record BatchLineRefusal(int Status, string Error, string Detail);
