namespace LedgerCluster.Core.Contamination;

/// <summary>
/// Every benchmark n-gram hash → the (item, n-gram) pairs that have it. The training text is streamed past this
/// index once: memory grows with the benchmark, not the corpus, and each hit knows where in the corpus it is.
/// </summary>
internal sealed class ItemIndex
{
    private ItemIndex(IReadOnlyList<PreparedItem> items, Dictionary<ulong, Posting[]> words, Dictionary<ulong, Posting[]> chars)
    {
        Items = items;
        Words = words;
        Chars = chars;
    }

    public IReadOnlyList<PreparedItem> Items { get; }
    public Dictionary<ulong, Posting[]> Words { get; }
    public Dictionary<ulong, Posting[]> Chars { get; }

    public static ItemIndex Build(IReadOnlyList<PreparedItem> items)
    {
        var words = new Dictionary<ulong, List<Posting>>();
        var chars = new Dictionary<ulong, List<Posting>>();
        for (var i = 0; i < items.Count; i++)
        {
            var target = items[i].Method == MatchMethod.Words ? words : chars;
            for (var g = 0; g < items[i].Grams.Length; g++)
            {
                if (!target.TryGetValue(items[i].Grams[g], out var list)) target[items[i].Grams[g]] = list = new List<Posting>(1);
                list.Add(new Posting(i, g));
            }
        }
        return new ItemIndex(items, Freeze(words), Freeze(chars));
    }

    private static Dictionary<ulong, Posting[]> Freeze(Dictionary<ulong, List<Posting>> map) =>
        map.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
