using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// Reads <c>benchmark.yaml</c>: one mapping with string <c>id</c>, <c>version</c>, <c>scorer</c> and optional
/// <c>description</c>. A plain value PyYAML reads as another type (<c>version: 1.0</c> is a float) becomes what
/// verievals records, Python's <c>str()</c> of it, with a warning naming the coercion, so both implementations hash
/// the same text; a value whose <c>str()</c> is not reproduced exactly is refused.
/// </summary>
internal static class BenchmarkYaml
{
    public static readonly string[] Keys = ["id", "version", "scorer", "description"];
    private const string StrTag = "tag:yaml.org,2002:str";

    public sealed record Meta(string Id, string Version, string Scorer, string? Description, IReadOnlyList<string> Warnings);

    public static Meta Read(string path, string text)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new BenchmarkFormatException(path, e.Start.Line, $"invalid YAML: {Reason(e)}"); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet's scanner sometimes fails on malformed input with a state error instead of a YamlException.
            throw new BenchmarkFormatException(path, null,
                e is InvalidOperationException ? "invalid YAML: the parser gave up (an unclosed bracket or quote?)" : $"invalid YAML: {e.Message}");
        }

        if (stream.Documents.Count > 1) throw new BenchmarkFormatException(path, stream.Documents[1].RootNode.Start.Line, "expected a single YAML document");
        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" }) root = null; // PyYAML: None
        if (root is not null and not YamlMappingNode)
            throw new BenchmarkFormatException(path, root.Start.Line, "expected a mapping of id, version, scorer and description");

        var values = new Dictionary<string, (string? Value, long Line)>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var members = (root as YamlMappingNode)?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>();
        foreach (var (keyNode, valueNode) in members)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : null;
            if (key is null || !Keys.Contains(key, StringComparer.Ordinal))
                throw new BenchmarkFormatException(path, keyNode.Start.Line,
                    $"unknown key {Quote(key ?? keyNode.NodeType.ToString())} (allowed: {string.Join(", ", Keys)})");
            values[key] = (ReadString(path, key, valueNode, allowNull: key == "description", warnings), valueNode.Start.Line);
        }

        string Required(string key) =>
            values.TryGetValue(key, out var entry)
                ? entry.Value is { Length: > 0 } value ? value : throw new BenchmarkFormatException(path, entry.Line, $"field '{key}': must not be empty")
                : throw new BenchmarkFormatException(path, null, $"missing required key '{key}'");

        return new Meta(Required("id"), Required("version"), Required("scorer"), values.GetValueOrDefault("description").Value, warnings);
    }

    private static string? ReadString(string path, string key, YamlNode node, bool allowNull, List<string> warnings)
    {
        if (node is not YamlScalarNode scalar)
            throw new BenchmarkFormatException(path, node.Start.Line, $"field '{key}': expected a string, got a YAML {node.NodeType.ToString().ToLowerInvariant()}");
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
        if (tag is not null)
        {
            if (tag == StrTag) return text;
            throw new BenchmarkFormatException(path, node.Start.Line, $"field '{key}': unsupported YAML tag {tag}");
        }
        if (scalar.Style != ScalarStyle.Plain) return text;
        var kind = PyYamlScalar.Resolve(text);
        if (kind == PyYamlScalar.Str || (kind == "int" && PyYamlScalar.IsPlainDecimalInt(text))) return text;
        if (kind == "null" && allowNull) return null;
        // verievals stores str() of whatever PyYAML built; the same text gives the same benchmark hash and record.
        if (PythonStrOfYaml.Of(text, kind) is { } coerced)
        {
            warnings.Add($"{path}:{node.Start.Line}: field '{key}': YAML reads {text} as a {kind}; using Python's str() of it, \"{coerced}\", as verievals does (quote it to make this explicit)");
            return coerced;
        }
        throw new BenchmarkFormatException(path, node.Start.Line,
            $"field '{key}': expected a string, but YAML reads {text} as a {kind} whose Python str() is not reproduced here; quote it (\"{text}\")");
    }

    private static string Reason(YamlException e) => e.InnerException?.Message ?? StripLocation(e.Message);

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (Line: ...): "; the line is reported separately.
    private static string StripLocation(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
    }

    private static string Quote(string text) => $"'{text}'";
}
