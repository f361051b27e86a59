namespace LedgerCluster.Core.Contamination;

/// <summary>The hits of one training document, per item: which of its n-grams, and the text range they cover.</summary>
internal sealed class DocumentHits
{
    private readonly Dictionary<int, ItemHits> _byItem = [];

    public IReadOnlyDictionary<int, ItemHits> ByItem => _byItem;

    public void Add(Posting posting, int start, int end)
    {
        if (!_byItem.TryGetValue(posting.Item, out var hits)) _byItem[posting.Item] = hits = new ItemHits();
        hits.Grams.Add(posting.Gram);
        hits.Start = Math.Min(hits.Start, start);
        hits.End = Math.Max(hits.End, end);
    }

    public void Clear() => _byItem.Clear();
}
