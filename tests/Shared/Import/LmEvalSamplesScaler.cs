using System.Text.RegularExpressions;

namespace LedgerCluster.Tests.Shared.Import;

/// <summary>
/// Makes a large lm-eval run from real rows: the math_perturbed_full results file of ../shared/harness-data (whose task
/// evaluated 5,000 docs) and a samples file of <c>count</c> rows cycling through its 10 real rows with fresh doc ids.
/// Every row keeps its real doc, prompt, target and hashes, so the import does all its work on every row.
/// </summary>
public static partial class LmEvalSamplesScaler
{
    public const string Date = "2026-01-21T03-44-18.458309";
    public const string Task = "math_perturbed_full";

    /// <summary>Writes results_&lt;date&gt;.json and samples_&lt;task&gt;_&lt;date&gt;.jsonl into <paramref name="directory"/>; returns their paths.</summary>
    public static (string Results, string Samples) Write(string sharedRoot, string directory, int count)
    {
        var source = Path.Combine(sharedRoot, "harness-data", "lm-eval");
        var rows = File.ReadLines(Path.Combine(source, $"samples_{Task}_{Date}.jsonl")).Where(l => l.Length > 0).ToList();
        Directory.CreateDirectory(directory);
        var results = Path.Combine(directory, $"results_{Date}.json");
        File.Copy(Path.Combine(source, $"results_{Date}.json"), results, overwrite: true);
        var samples = Path.Combine(directory, $"samples_{Task}_{Date}.jsonl");
        using var writer = new StreamWriter(samples);
        for (var i = 0; i < count; i++) writer.Write(DocId().Replace(rows[i % rows.Count], $"{{\"doc_id\": {i},", 1) + "\n");
        return (results, samples);
    }

    [GeneratedRegex("^\\{\"doc_id\": \\d+,")]
    private static partial Regex DocId();
}
