using System.Text;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Models;

/// <summary>
/// A fixture: <c>{"name": ..., "responses": {key: output}}</c>. verievals writes the prompt itself as the key and looks
/// outputs up by SHA-256 of the prompt's UTF-8; a key that is already 64 lowercase hex is also accepted as that hash,
/// so fixtures keyed by hash (which do not reveal the prompts) work too.
/// </summary>
public sealed class FixtureFile
{
    public const string DefaultName = "fixture";
    private static readonly string[] AllowedKeys = ["name", "responses"];

    private readonly Dictionary<string, string> _byHash;

    public FixtureFile(string name, IEnumerable<KeyValuePair<string, string>> responses)
    {
        Name = name;
        Responses = responses.ToArray();
        _byHash = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, output) in Responses) _byHash.TryAdd(KeyOf(key), output);
        foreach (var (key, output) in Responses)
            if (Hex.IsLowerHex(key, 32)) _byHash.TryAdd(key, output); // a hash key; prompt-derived hashes win on a clash
    }

    public string Name { get; }

    /// <summary>The entries as written in the file, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Responses { get; }

    /// <summary>The lookup key of a prompt: lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    public static string KeyOf(string prompt) => ContentHash.Sha256Hex(Encoding.UTF8.GetBytes(prompt));

    public bool TryGet(string prompt, out string output) => _byHash.TryGetValue(KeyOf(prompt), out output!);

    public static FixtureFile Load(string path)
    {
        if (!File.Exists(path)) throw new ModelException($"fixture file not found: {path}");
        JValue root;
        try { root = JsonParser.ParseFile(path); }
        catch (JsonParseException e) { throw new ModelException($"fixture {e.Message}", inner: e); }
        if (root is not JObject obj) throw new ModelException($"fixture {path}: expected a JSON object, got {root.Kind}");
        foreach (var key in obj.Keys)
            if (!AllowedKeys.Contains(key, StringComparer.Ordinal))
                throw new ModelException($"fixture {path}: unknown field '{key}' (allowed: name, responses)");
        var name = obj["name"] switch
        {
            null => DefaultName,
            JString s => s.Value,
            var other => throw new ModelException($"fixture {path}: field 'name': expected a string, got {other.Kind}"),
        };
        if (obj["responses"] is not JObject responses)
            throw new ModelException($"fixture {path}: field 'responses': expected an object of prompt -> output, got {obj["responses"]?.Kind ?? "nothing"}");
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in responses)
        {
            if (value is not JString output)
                throw new ModelException($"fixture {path}: field 'responses' entry {Describe(key)}: expected a string, got {value.Kind}");
            entries.Add(new(key, output.Value));
        }
        return new FixtureFile(name, entries);
    }

    /// <summary>The file text: 2-space indent, entries in order, trailing newline (the layout of verievals' example fixtures).</summary>
    public string ToText()
    {
        var sb = new StringBuilder("{\n  \"name\": ").Append(CanonicalJson.Serialize(new JString(Name))).Append(",\n  \"responses\": {");
        for (var i = 0; i < Responses.Count; i++)
        {
            sb.Append(i == 0 ? "\n" : ",\n").Append("    ")
                .Append(CanonicalJson.Serialize(new JString(Responses[i].Key))).Append(": ")
                .Append(CanonicalJson.Serialize(new JString(Responses[i].Value)));
        }
        return sb.Append(Responses.Count == 0 ? "}\n}\n" : "\n  }\n}\n").ToString();
    }

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, ToText(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
    }

    internal static string Describe(string prompt)
    {
        var oneLine = prompt.ReplaceLineEndings(" ");
        return $"\"{(oneLine.Length <= 60 ? oneLine : oneLine[..60] + "…")}\"";
    }
}
