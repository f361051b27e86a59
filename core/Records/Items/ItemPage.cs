namespace LedgerCluster.Core.Records.Items;

/// <summary>
/// One page of a record's results under a query. <see cref="Matching"/> counts the results the filter and search
/// keep; <see cref="PageCount"/> is at least 1. A page past the end is empty and <see cref="PastEnd"/> says so.
/// <see cref="Failed"/> and <see cref="Truncated"/> count the whole record, for the filter links.
/// </summary>
public sealed record ItemPage(
    ItemQuery Query,
    IReadOnlyList<RecordItem> Items,
    int PageSize,
    int Matching,
    int Total,
    int Failed,
    int Truncated)
{
    public int PageCount => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    public bool PastEnd => Query.Page > PageCount;

    public bool HasPrevious => Query.Page > 1;

    public bool HasNext => Query.Page < PageCount;

    /// <summary>1-based position among the matching results of the first item on this page.</summary>
    public int FirstShown => Items.Count == 0 ? 0 : (Query.Page - 1) * PageSize + 1;

    public int LastShown => Items.Count == 0 ? 0 : FirstShown + Items.Count - 1;
}
