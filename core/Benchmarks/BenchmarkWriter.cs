using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// Writes a benchmark directory that <see cref="BenchmarkLoader"/> (and verievals) read back to the same content hash.
/// <c>tasks.jsonl</c> lines are formatted like verievals' own files; <c>expected</c> and <c>metadata</c> are written only
/// when present, which leaves the hash unchanged (absent means null and {}).
/// </summary>
public static class BenchmarkWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes (or overwrites) <c>benchmark.yaml</c>, <c>tasks.jsonl</c> and, when given, a <c>NOTICE</c> file.</summary>
    public static void Write(Benchmark benchmark, string directory, string? notice = null)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, BenchmarkLoader.MetaFileName), FormatYaml(benchmark), Utf8NoBom);
        File.WriteAllText(Path.Combine(directory, BenchmarkLoader.TasksFileName), FormatTasks(benchmark.Tasks), Utf8NoBom);
        if (notice is not null) File.WriteAllText(Path.Combine(directory, "NOTICE"), notice, Utf8NoBom);
    }

    public static string FormatYaml(Benchmark benchmark)
    {
        var sb = new StringBuilder()
            .Append("id: ").Append(YamlText.Scalar(benchmark.Id)).Append('\n')
            .Append("version: ").Append(YamlText.DoubleQuoted(benchmark.Version)).Append('\n')
            .Append("scorer: ").Append(YamlText.Scalar(benchmark.Scorer)).Append('\n');
        if (benchmark.Description is { } description) sb.Append("description: ").Append(YamlText.DoubleQuoted(description)).Append('\n');
        return sb.ToString();
    }

    public static string FormatTasks(IEnumerable<BenchmarkTask> tasks)
    {
        var sb = new StringBuilder();
        foreach (var task in tasks) sb.Append(FormatTask(task)).Append('\n');
        return sb.ToString();
    }

    /// <summary>One <c>tasks.jsonl</c> line (no newline), keys in the order id, prompt, expected, metadata.</summary>
    public static string FormatTask(BenchmarkTask task)
    {
        var line = new JObject { { "id", task.Id }, { "prompt", task.Prompt } };
        if (task.Expected is not null) line.Add("expected", task.Expected);
        if (task.Metadata.Count > 0) line.Add("metadata", task.Metadata);
        return PythonJsonLine.Format(line);
    }
}
