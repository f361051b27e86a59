namespace LedgerCluster.Client.Bench;

/// <summary>Failed submissions by kind (HTTP status and error code, transport failure...), with the first detail of each.</summary>
public sealed class ErrorTally
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, (int Count, string Detail)> _kinds = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public void Add(string kind, string detail, int count = 1)
    {
        lock (_gate)
        {
            Total += count;
            _kinds[kind] = _kinds.TryGetValue(kind, out var seen) ? (seen.Count + count, seen.Detail) : (count, detail);
        }
    }

    public IReadOnlyList<(string Kind, int Count, string Detail)> Kinds()
    {
        lock (_gate) return _kinds.Select(k => (k.Key, k.Value.Count, k.Value.Detail)).ToList();
    }
}
