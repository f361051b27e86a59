using System.Text;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Text;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// Loads a benchmark directory (<c>benchmark.yaml</c> + <c>tasks.jsonl</c>) exactly as verievals does for valid input,
/// and, unlike verievals, refuses anything it would silently coerce or drop: wrong JSON types, unknown keys, duplicate
/// JSON keys, YAML values that are not strings. Every error names the file and line.
/// </summary>
public static class BenchmarkLoader
{
    public const string MetaFileName = "benchmark.yaml";
    public const string TasksFileName = "tasks.jsonl";

    private static readonly string[] TaskKeys = ["id", "prompt", "expected", "metadata"];

    /// <summary>Loads from a benchmark directory, or from the path of its <c>benchmark.yaml</c>.</summary>
    public static Benchmark Load(string path)
    {
        var directory = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
        if (!Directory.Exists(directory)) throw new BenchmarkFormatException(directory, null, "benchmark directory not found");
        var metaPath = Path.Combine(directory, MetaFileName);
        var tasksPath = Path.Combine(directory, TasksFileName);
        if (!File.Exists(metaPath)) throw new BenchmarkFormatException(metaPath, null, $"missing {MetaFileName} in {directory}");
        if (!File.Exists(tasksPath)) throw new BenchmarkFormatException(tasksPath, null, $"missing {TasksFileName} in {directory}");

        var meta = BenchmarkYaml.Read(metaPath, ReadText(metaPath));
        var tasks = ReadTasks(tasksPath, File.ReadAllBytes(tasksPath));
        if (tasks.Count == 0) throw new BenchmarkFormatException(tasksPath, null, $"benchmark '{meta.Id}' has no tasks");
        return new Benchmark(meta.Id, meta.Version, meta.Scorer, meta.Description, tasks) { Warnings = meta.Warnings };
    }

    /// <summary>Parses <c>tasks.jsonl</c> content; blank (whitespace-only) lines are skipped, as in verievals.</summary>
    public static IReadOnlyList<BenchmarkTask> ReadTasks(string path, byte[] content)
    {
        var tasks = new List<BenchmarkTask>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (number, raw) in LineReader.Read(path, content))
        {
            var line = PythonString.Strip(raw);
            if (line.Length == 0) continue;
            var task = ReadTask(path, number, line);
            if (!firstLine.TryAdd(task.Id, number))
                throw new BenchmarkFormatException(path, number, $"duplicate task id '{task.Id}' (first on line {firstLine[task.Id]})");
            tasks.Add(task);
        }
        return tasks;
    }

    private static BenchmarkTask ReadTask(string path, long line, string json)
    {
        JValue value;
        try { value = JsonParser.Parse(json); }
        catch (JsonParseException e) { throw new BenchmarkFormatException(path, line, $"invalid JSON: {e.Reason} (at column {e.Column})"); }
        if (value is not JObject obj) throw new BenchmarkFormatException(path, line, $"expected a JSON object, got {value.Kind}");

        foreach (var key in obj.Keys)
            if (!TaskKeys.Contains(key, StringComparer.Ordinal))
                throw new BenchmarkFormatException(path, line, $"unknown field '{key}' (allowed: {string.Join(", ", TaskKeys)})");

        var id = obj["id"] switch
        {
            JString { Value.Length: > 0 } s => s.Value,
            JString => throw Field(path, line, "id", "must not be empty"),
            null => throw Field(path, line, "id", "missing required field"),
            var other => throw Field(path, line, "id", $"expected a string, got {other.Kind}"),
        };
        var prompt = obj["prompt"] switch
        {
            JString s => s.Value,
            null => throw Field(path, line, "prompt", "missing required field"),
            var other => throw Field(path, line, "prompt", $"expected a string, got {other.Kind}"),
        };
        var expected = obj["expected"] switch
        {
            null or JNull => null,
            JString s => s.Value,
            var other => throw Field(path, line, "expected", $"expected a string or null, got {other.Kind}"),
        };
        var metadata = obj["metadata"] switch
        {
            null => new JObject(),
            JObject o => o,
            var other => throw Field(path, line, "metadata", $"expected an object, got {other.Kind}"),
        };
        return new BenchmarkTask(id, prompt, expected, metadata);
    }

    private static BenchmarkFormatException Field(string path, long line, string field, string problem) =>
        new(path, line, $"field '{field}': {problem}");

    private static string ReadText(string path)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { throw new BenchmarkFormatException(path, null, "not valid UTF-8"); }
    }
}
