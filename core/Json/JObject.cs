namespace LedgerCluster.Core.Json;

/// <summary>A JSON object; keeps the members in the order they were given, keys unique.</summary>
/// <remarks>
/// Small objects (most of a record's) find keys by a linear scan; a key index is built only past
/// <see cref="IndexThreshold"/> members, so parsing a record allocates a fraction of what a dictionary per object
/// costs, while a hostile object with thousands of keys still looks them up (and rejects duplicates) in O(1).
/// </remarks>
public sealed record JObject : JValue, IEnumerable<KeyValuePair<string, JValue>>
{
    private const int IndexThreshold = 8;
    private readonly List<KeyValuePair<string, JValue>> _members = [];
    private Dictionary<string, JValue>? _index;

    public JObject() { }

    public JObject(IEnumerable<KeyValuePair<string, JValue>> members)
    {
        foreach (var (key, value) in members) Add(key, value);
    }

    public override string Kind => "object";
    public int Count => _members.Count;
    public IReadOnlyList<KeyValuePair<string, JValue>> Members => _members;
    public IEnumerable<string> Keys => _members.Select(m => m.Key);

    public JValue? this[string key] => TryGet(key, out var value) ? value : null;

    public bool TryGet(string key, out JValue value)
    {
        if (_index is not null) return _index.TryGetValue(key, out value!);
        foreach (var member in _members)
        {
            if (string.Equals(member.Key, key, StringComparison.Ordinal))
            {
                value = member.Value;
                return true;
            }
        }
        value = null!;
        return false;
    }

    public bool ContainsKey(string key) => TryGet(key, out _);

    /// <summary>Adds a member; a duplicate key is an error (JSON with duplicate keys is ambiguous, so hostile).</summary>
    public JObject Add(string key, JValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null ? !_index.TryAdd(key, value) : ContainsKey(key))
            throw new ArgumentException($"duplicate key \"{key}\"", nameof(key));
        _members.Add(new(key, value));
        if (_index is null && _members.Count > IndexThreshold)
        {
            _index = new Dictionary<string, JValue>(_members.Count * 2, StringComparer.Ordinal);
            foreach (var (k, v) in _members) _index.Add(k, v);
        }
        return this;
    }

    public bool Equals(JObject? other) =>
        other is not null && other.Count == Count && _members.All(m => other.TryGet(m.Key, out var v) && v.Equals(m.Value));

    public override int GetHashCode() => Count;
    public IEnumerator<KeyValuePair<string, JValue>> GetEnumerator() => _members.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => CanonicalJson.Serialize(this);
}
