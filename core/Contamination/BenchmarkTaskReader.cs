using System.Globalization;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Contamination;

/// <summary>
/// Reads a benchmark's `tasks.jsonl` (`{id, prompt, expected?}` per line) as scanner input. Deliberately small:
/// the full benchmark loader lives elsewhere; this only needs ids and texts.
/// </summary>
public static class BenchmarkTaskReader
{
    public static IReadOnlyList<(string Id, string Prompt, string? Expected)> ReadJsonl(string path)
    {
        var items = new List<(string, string, string?)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var o = JsonParser.Parse(line) as JObject ?? throw new FormatException($"{path}:{number}: expected a JSON object");
            items.Add((Text(o, "id", path, number) ?? throw new FormatException($"{path}:{number}: missing \"id\""),
                Text(o, "prompt", path, number) ?? throw new FormatException($"{path}:{number}: missing \"prompt\""),
                Text(o, "expected", path, number)));
        }
        return items;
    }

    private static string? Text(JObject o, string key, string path, int line) => o[key] switch
    {
        null or JNull => null,
        JString s => s.Value,
        JInteger i => i.Value.ToString(CultureInfo.InvariantCulture), // numeric ids/answers
        var other => throw new FormatException($"{path}:{line}: \"{key}\" must be a string, got {other.Kind}"),
    };
}
