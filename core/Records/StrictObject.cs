using System.Numerics;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>
/// Reads one JSON object field by field with exact types, and rejects whatever it was not asked for
/// (<see cref="RejectUnknown"/>), so no unauthenticated data can ride along.
/// </summary>
internal sealed class StrictObject
{
    private readonly JObject _obj;
    // The keys asked for: a schema reads a handful per object, so a list beats a hash set (and allocates less).
    private readonly List<string> _seen = new(8);

    public StrictObject(JValue? value, string path)
    {
        Path = path;
        _obj = value as JObject ?? throw new RecordSchemaException(path, $"expected an object, got {KindOf(value)}");
    }

    public string Path { get; }

    public JObject Raw => _obj;

    public string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _obj.ContainsKey(key);

    public JValue Required(string key)
    {
        _seen.Add(key);
        return _obj[key] ?? throw new RecordSchemaException(At(key), "missing required field");
    }

    public JValue? Optional(string key)
    {
        _seen.Add(key);
        return _obj[key];
    }

    public string String(string key) => Required(key) is JString s ? s.Value : throw TypeError(key, "string");

    public string? NullableString(string key) => Required(key) switch
    {
        JString s => s.Value,
        JNull => null,
        _ => throw TypeError(key, "string or null"),
    };

    public string? OptionalString(string key) => Optional(key) switch
    {
        null or JNull => null,
        JString s => s.Value,
        _ => throw TypeError(key, "string"),
    };

    public string LowerHex(string key, int bytes)
    {
        var text = String(key);
        if (!Hex.IsLowerHex(text, bytes))
            throw new RecordSchemaException(At(key), $"expected {bytes * 2} lowercase hex characters, got \"{Truncate(text)}\"");
        return text;
    }

    public string OneOf(string key, params string[] allowed)
    {
        var text = String(key);
        return allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new RecordSchemaException(At(key), $"expected one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, got \"{Truncate(text)}\"");
    }

    public double Float(string key) => Required(key) is JFloat f ? f.Value : throw TypeError(key, "float");

    public double? OptionalFloat(string key) => Optional(key) switch
    {
        null => null,
        JFloat f => f.Value,
        _ => throw TypeError(key, "float"),
    };

    public long Int(string key) => Required(key) is JInteger i ? ToLong(key, i.Value) : throw TypeError(key, "int");

    public long? NullableInt(string key) => Required(key) switch
    {
        JInteger i => ToLong(key, i.Value),
        JNull => null,
        _ => throw TypeError(key, "int or null"),
    };

    public long? OptionalInt(string key) => Optional(key) switch
    {
        null => null,
        JInteger i => ToLong(key, i.Value),
        _ => throw TypeError(key, "int"),
    };

    public bool Bool(string key) => Required(key) is JBool b ? b.Value : throw TypeError(key, "bool");

    public JObject Object(string key) => Required(key) as JObject ?? throw TypeError(key, "object");

    public JArray Array(string key) => Required(key) as JArray ?? throw TypeError(key, "array");

    public StrictObject Child(string key) => new(Required(key), At(key));

    /// <summary>Fails on the first key that was never read, naming it.</summary>
    public void RejectUnknown(string? why = null)
    {
        foreach (var member in _obj.Members)
            if (!_seen.Contains(member.Key))
                throw new RecordSchemaException(At(member.Key), why ?? "unknown field");
    }

    private long ToLong(string key, BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (long)value : throw new RecordSchemaException(At(key), "integer out of range");

    private RecordSchemaException TypeError(string key, string expected) =>
        new(At(key), $"expected {expected}, got {KindOf(_obj[key])}");

    internal static string KindOf(JValue? value) => value?.Kind ?? "nothing";

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
