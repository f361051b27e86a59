namespace LedgerCluster.Api;

/// <summary>`GET /health/live`: `{status: "live"}`.</summary>
public sealed record LiveStatus(string Status);
