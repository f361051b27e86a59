using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Gateway;

/// <summary>
/// The last checkpoint a client saw per log (keyed by the log's verifier key), kept in a small JSON file (default ~/.ledger/checkpoints.json),
/// so a later checkpoint can be checked against it: a log that shows two inconsistent views is caught.
/// </summary>
public sealed class CheckpointMemory(string path)
{
    /// <summary>`$LEDGER_HOME/checkpoints.json`, or `~/.ledger/checkpoints.json` when LEDGER_HOME is not set.</summary>
    public static string DefaultPath => Path.Combine(
        Environment.GetEnvironmentVariable("LEDGER_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ledger"),
        "checkpoints.json");

    public string FilePath { get; } = path;

    public IReadOnlyDictionary<string, string> Load()
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(FilePath)) return known;
        try
        {
            foreach (var (log, note) in (JObject)JsonParser.ParseFile(FilePath)) known[log] = ((JString)note).Value;
        }
        catch (Exception e) when (e is JsonParseException or InvalidCastException)
        {
            throw new FormatException($"checkpoint state {FilePath} is not a JSON object of log key to checkpoint note: {e.Message}");
        }
        return known;
    }

    /// <summary>Remembers <paramref name="note"/> as the latest checkpoint of the log with key <paramref name="logKey"/> (temp file, then rename).</summary>
    public void Remember(string logKey, string note)
    {
        var known = new Dictionary<string, string>(Load(), StringComparer.Ordinal) { [logKey] = note };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FilePath))!);
        var json = new JObject(known.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new KeyValuePair<string, JValue>(k.Key, k.Value)));
        // A temp name of its own: two clients remembering at once must not rename each other's half-written file.
        var temp = $"{FilePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, PrettyJson.Serialize(json) + "\n");
        File.Move(temp, FilePath, overwrite: true);
    }
}
