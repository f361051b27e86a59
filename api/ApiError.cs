namespace LedgerCluster.Api;

/// <summary>The error body of every 4xx/5xx: `{error, detail}`; `error` is a stable code, `detail` names the problem.</summary>
public sealed record ApiError(string Error, string Detail);
