using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import.LmEval;

/// <summary>
/// An lm-eval <c>samples_&lt;task&gt;_&lt;date&gt;.jsonl</c> (one line per doc and filter). The task and the run's date id
/// come from the file name, as lm-eval writes it, so a samples file of another run or task is recognised.
/// </summary>
public sealed class LmEvalSamplesFile
{
    public const string Prefix = "samples_";

    private LmEvalSamplesFile(SourceFile file, string task, List<JObject> rows) => (File, Task, Rows) = (file, task, rows);

    public SourceFile File { get; }
    public string Task { get; }
    public IReadOnlyList<JObject> Rows { get; }

    /// <summary>The samples file lm-eval writes beside the results for <paramref name="task"/>.</summary>
    public static string PathFor(LmEvalResultsFile results, string task) =>
        Path.Combine(Path.GetDirectoryName(results.File.Path) ?? ".", $"{Prefix}{task}_{results.DateId}.jsonl");

    /// <summary>Reads a samples file and matches it to a task of <paramref name="results"/> by its name and date id.</summary>
    public static LmEvalSamplesFile Read(string path, LmEvalResultsFile results)
    {
        var file = SourceFile.Read(path);
        var name = file.Name;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(".jsonl", StringComparison.Ordinal))
            throw new ImportFormatException(path, "not an lm-eval samples file name (expected samples_<task>_<date>.jsonl)");
        var stem = name[Prefix.Length..^".jsonl".Length];
        var suffix = "_" + results.DateId;
        if (results.DateId is null || !stem.EndsWith(suffix, StringComparison.Ordinal))
            throw new ImportFormatException(path, $"a samples file of another run: its date id is not {results.DateId ?? "(none)"} of {results.File.Name}");
        var task = stem[..^suffix.Length];
        if (!results.Tasks().Contains(task, StringComparer.Ordinal))
            throw new ImportFormatException(path, $"a samples file of another run: task \"{task}\" is not in {results.File.Name} (tasks: {string.Join(", ", results.Tasks())})");
        var rows = file.JsonLines();
        if (rows.Count == 0) throw new ImportFormatException(path, "empty samples file");
        for (var i = 0; i < rows.Count; i++)
            if (rows[i]["doc_id"] is not JInteger || rows[i]["arguments"] is not JObject || !rows[i].ContainsKey("doc"))
                throw new ImportFormatException(path, $"line {i + 1} is not an lm-eval sample (needs doc_id, doc and arguments)");
        return new LmEvalSamplesFile(file, task, rows);
    }
}
