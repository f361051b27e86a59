namespace LedgerCluster.Core.Json;

/// <summary>A JSON object; keeps the members in the order they were given, keys unique.</summary>
public sealed record JObject : JValue, IEnumerable<KeyValuePair<string, JValue>>
{
    private readonly List<KeyValuePair<string, JValue>> _members = [];
    private readonly Dictionary<string, JValue> _index = new(StringComparer.Ordinal);

    public JObject() { }

    public JObject(IEnumerable<KeyValuePair<string, JValue>> members)
    {
        foreach (var (key, value) in members) Add(key, value);
    }

    public override string Kind => "object";
    public int Count => _members.Count;
    public IReadOnlyList<KeyValuePair<string, JValue>> Members => _members;
    public IEnumerable<string> Keys => _members.Select(m => m.Key);

    public JValue? this[string key] => _index.GetValueOrDefault(key);

    public bool TryGet(string key, out JValue value) => _index.TryGetValue(key, out value!);

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>Adds a member; a duplicate key is an error (JSON with duplicate keys is ambiguous, so hostile).</summary>
    public JObject Add(string key, JValue value)
    {
        if (!_index.TryAdd(key, value)) throw new ArgumentException($"duplicate key \"{key}\"", nameof(key));
        _members.Add(new(key, value));
        return this;
    }

    public bool Equals(JObject? other) =>
        other is not null && other.Count == Count && _members.All(m => other._index.TryGetValue(m.Key, out var v) && v.Equals(m.Value));

    public override int GetHashCode() => Count;
    public IEnumerator<KeyValuePair<string, JValue>> GetEnumerator() => _members.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => CanonicalJson.Serialize(this);
}
