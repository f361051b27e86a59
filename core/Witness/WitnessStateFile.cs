using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// The durable state of a stand-alone witness: the latest cosigned size and root per origin, one JSON file.
/// Writes replace the file atomically (temp file, fsync, rename), so a crash leaves the old state or the new, never half.
/// </summary>
public static class WitnessStateFile
{
    public const string FileName = "witness-state.json";

    public static Dictionary<string, WitnessedLog> Load(string path)
    {
        var logs = new Dictionary<string, WitnessedLog>(StringComparer.Ordinal);
        if (!File.Exists(path)) return logs;
        try
        {
            var root = (JObject)JsonParser.ParseFile(path);
            foreach (var (origin, value) in (JObject)root["logs"]!)
            {
                var entry = (JObject)value;
                var size = (ulong)((JInteger)entry["size"]!).Value;
                var hash = Convert.FromBase64String(((JString)entry["root"]!).Value);
                if (hash.Length != 32) throw new FormatException($"root of {origin} is not 32 bytes");
                logs[origin] = new WitnessedLog(size, hash);
            }
            return logs;
        }
        catch (Exception e) when (e is JsonParseException or InvalidCastException or NullReferenceException or OverflowException or FormatException)
        {
            throw new FormatException($"witness state {path} is corrupt ({e.Message}); refusing to start rather than forget what was cosigned");
        }
    }

    public static void Save(string path, IReadOnlyDictionary<string, WitnessedLog> logs)
    {
        var entries = new JObject();
        foreach (var (origin, log) in logs.OrderBy(l => l.Key, StringComparer.Ordinal))
            entries.Add(origin, new JObject { { "size", (long)log.Size }, { "root", Convert.ToBase64String(log.Root) } });
        var bytes = CanonicalJson.SerializeToUtf8(new JObject { { "logs", entries } });
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
