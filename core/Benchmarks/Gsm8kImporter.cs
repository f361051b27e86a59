using System.Globalization;
using System.Text;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Text;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// Converts the official GSM8K JSONL (<c>{"question", "answer"}</c>, answers ending in <c>#### N</c>) into a benchmark
/// directory, the same way verievals' <c>scripts/fetch_gsm8k.py</c> does, so the result has the same content hash
/// (the published <c>gsm8k-full@test-1.0.0</c> hash for the 1,319-item test split).
/// </summary>
public static class Gsm8kImporter
{
    public const string DefaultId = "gsm8k-full";
    public const string DefaultVersion = "test-1.0.0";
    public const string SourceUrl = "https://github.com/openai/grade-school-math";

    /// <summary>Imports <paramref name="jsonlPath"/> into <paramref name="outDir"/> and returns the benchmark as loaded back from disk.</summary>
    public static Benchmark Import(string jsonlPath, string outDir, string id = DefaultId, string version = DefaultVersion)
    {
        var tasks = ReadTasks(jsonlPath);
        if (tasks.Count == 0) throw new BenchmarkFormatException(jsonlPath, null, "no GSM8K items in the file");
        var count = tasks.Count.ToString("N0", CultureInfo.InvariantCulture);
        var description =
            $"The official GSM8K test split ({count} grade-school math word problems) from {SourceUrl} (MIT License), " +
            "imported by LedgerCluster's Gsm8kImporter. The prompt is the original question verbatim; the expected value is the " +
            "final number after the \"####\" marker, commas removed. Scored by the gsm8k scorer.";
        BenchmarkWriter.Write(new Benchmark(id, version, "gsm8k", description, tasks), outDir, Notice);
        return BenchmarkLoader.Load(outDir);
    }

    /// <summary>The tasks: ids <c>gsm8k-test-0001</c>... over the non-blank lines, prompt = question, expected = final answer.</summary>
    public static IReadOnlyList<BenchmarkTask> ReadTasks(string jsonlPath)
    {
        if (!File.Exists(jsonlPath)) throw new BenchmarkFormatException(jsonlPath, null, "file not found");
        var text = ReadPythonText(jsonlPath);
        var tasks = new List<BenchmarkTask>();
        var lines = PythonString.SplitLines(text);
        for (var n = 0; n < lines.Count; n++)
        {
            if (PythonString.IsBlank(lines[n])) continue;
            var (question, answer) = ReadItem(jsonlPath, n + 1, lines[n]);
            tasks.Add(new BenchmarkTask(string.Create(CultureInfo.InvariantCulture, $"gsm8k-test-{tasks.Count + 1:D4}"), question, FinalAnswer(answer)));
        }
        return tasks;
    }

    /// <summary>The number after the last <c>####</c> (the whole answer when there is none), stripped, commas removed.</summary>
    public static string FinalAnswer(string answer)
    {
        var marker = answer.LastIndexOf("####", StringComparison.Ordinal);
        var tail = marker < 0 ? answer : answer[(marker + 4)..];
        return PythonString.Strip(tail).Replace(",", "", StringComparison.Ordinal);
    }

    private static (string Question, string Answer) ReadItem(string path, long line, string json)
    {
        JValue value;
        try { value = JsonParser.Parse(json); }
        catch (JsonParseException e) { throw new BenchmarkFormatException(path, line, $"invalid JSON: {e.Reason} (at column {e.Column})"); }
        if (value is not JObject item) throw new BenchmarkFormatException(path, line, $"expected a JSON object, got {value.Kind}");
        return (Str(item, "question"), Str(item, "answer"));

        string Str(JObject o, string key) => o[key] switch
        {
            JString s => s.Value,
            null => throw new BenchmarkFormatException(path, line, $"field '{key}': missing required field"),
            var other => throw new BenchmarkFormatException(path, line, $"field '{key}': expected a string, got {other.Kind}"),
        };
    }

    /// <summary>Python <c>read_text(encoding="utf-8")</c>: strict UTF-8, \r\n and \r become \n, a BOM is kept (and then rejected).</summary>
    private static string ReadPythonText(string path)
    {
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)); }
        catch (DecoderFallbackException) { throw new BenchmarkFormatException(path, null, "not valid UTF-8"); }
        if (text.StartsWith('\uFEFF')) throw new BenchmarkFormatException(path, 1, "file starts with a UTF-8 byte order mark; save it as UTF-8 without BOM");
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    private const string Notice =
        "This benchmark contains the GSM8K test split.\n\n" +
        "GSM8K is from \"Training Verifiers to Solve Math Word Problems\" (Cobbe et al., 2021),\n" +
        "distributed at " + SourceUrl + " under the MIT License. Copyright (c) OpenAI.\n\n" +
        "The items were converted to the benchmark format (id / prompt / expected) by LedgerCluster's Gsm8kImporter:\n" +
        "questions are reproduced verbatim; \"expected\" is the final number after the original \"####\" marker.\n";
}
