namespace LedgerCluster.Api;

/// <summary>The cluster's re-run of a record: reproduced (same body hash), or the first difference in <see cref="Detail"/>.</summary>
public sealed record ReproductionView(bool Reproduced, string Detail, string CheckedAt);
