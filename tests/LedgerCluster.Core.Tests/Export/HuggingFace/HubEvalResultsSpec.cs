using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LedgerCluster.Core.Tests.Export.HuggingFace;

/// <summary>
/// The rules of the hub spec, read from the spec's own annotated template (`hf/eval_results.yaml`, hub-docs @242f4a1):
/// every key of an entry, its parent, and whether its comment says `Required` or `Optional`. The tests check exported
/// files against these rules, so a key the spec does not name, or a required one missing, fails.
/// </summary>
public sealed partial class HubEvalResultsSpec
{
    /// <summary>Key path (`dataset.id`, `value`, `source.url`) to whether the spec requires it (within its parent).</summary>
    public IReadOnlyDictionary<string, bool> Keys { get; }

    private HubEvalResultsSpec(Dictionary<string, bool> keys) => Keys = keys;

    [GeneratedRegex(@"^(?<indent> *)(?<dash>- )?(?<key>[A-Za-z_]+):(?<rest>.*)$")]
    private static partial Regex KeyLine();

    public static HubEvalResultsSpec Read(string path)
    {
        var keys = new Dictionary<string, bool>(StringComparer.Ordinal);
        var childRequired = new Dictionary<string, bool>(StringComparer.Ordinal);
        string? parent = null;
        foreach (var line in File.ReadLines(path))
        {
            // The template ends where the minimal example begins.
            if (line.StartsWith("# or", StringComparison.Ordinal)) break;
            var m = KeyLine().Match(line);
            if (!m.Success) continue;
            var depth = m.Groups["indent"].Length + m.Groups["dash"].Length;
            var key = m.Groups["key"].Value;
            var comment = m.Groups["rest"].Value is var rest && rest.IndexOf('#') is var at and >= 0 ? rest[(at + 1)..].Trim() : "";
            var required = comment.StartsWith("Required", StringComparison.Ordinal);
            if (depth <= 2) { parent = key; keys[key] = required; }
            else
            {
                keys[$"{parent}.{key}"] = required;
                if (required) childRequired[parent!] = true;
            }
        }
        // A parent line without a comment (`- dataset:`) is required when a key inside it is.
        foreach (var (p, _) in childRequired)
            if (keys.TryGetValue(p, out var r) && !r && !HasComment(path, p)) keys[p] = true;
        return new HubEvalResultsSpec(keys);
    }

    private static bool HasComment(string path, string key) =>
        File.ReadLines(path).Any(l => KeyLine().Match(l) is { Success: true } m && m.Groups["key"].Value == key && m.Groups["rest"].Value.Contains('#', StringComparison.Ordinal));

    /// <summary>The YAML documents' root: a sequence of mapping entries, as the spec's files are.</summary>
    public static YamlSequenceNode Entries(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(file))) stream.Load(reader);
        var document = Assert.Single(stream.Documents);
        return Assert.IsType<YamlSequenceNode>(document.RootNode);
    }

    /// <summary>Every rule of the spec on one entry: the required keys, no key the spec does not name, and the kind of each value.</summary>
    public void Check(YamlMappingNode entry, string where)
    {
        foreach (var (path, required) in Keys.Where(k => k.Value))
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0) Assert.True(Child(entry, path) is not null, $"{where}: required key {path} missing");
            else if (Child(entry, path[..dot]) is YamlMappingNode parent)
                Assert.True(Child(parent, path[(dot + 1)..]) is not null, $"{where}: required key {path} missing");
        }
        foreach (var (key, value) in entry.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            Assert.True(Keys.ContainsKey(name), $"{where}: key {name} is not in the spec");
            if (value is YamlMappingNode inner)
                foreach (var (k, v) in inner.Children)
                {
                    Assert.True(Keys.ContainsKey($"{name}.{((YamlScalarNode)k).Value}"), $"{where}: key {name}.{((YamlScalarNode)k).Value} is not in the spec");
                    Assert.IsType<YamlScalarNode>(v);
                }
            else Assert.IsType<YamlScalarNode>(value);
        }
    }

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public static string Scalar(YamlMappingNode map, string path)
    {
        YamlNode node = map;
        foreach (var part in path.Split('.')) node = Child((YamlMappingNode)node, part) ?? throw new KeyNotFoundException(path);
        return ((YamlScalarNode)node).Value!;
    }
}
