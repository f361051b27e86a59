using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import.LmEval;

/// <summary>
/// An lm-eval <c>results_&lt;date&gt;.json</c>: the per-task aggregates, task configs, run config and identity.
/// Refuses files that are not one (another harness's JSON, a samples JSONL, a cut file) with a one-line reason.
/// </summary>
public sealed class LmEvalResultsFile
{
    public const string Prefix = "results_";

    private LmEvalResultsFile(SourceFile file, JObject root)
    {
        File = file;
        Root = root;
        Results = (JObject)root["results"]!;
        Configs = root["configs"] as JObject ?? new JObject();
        Config = root["config"] as JObject ?? new JObject();
        var name = file.Name;
        DateId = name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)
            ? name[Prefix.Length..^".json".Length]
            : null;
    }

    public SourceFile File { get; }
    public JObject Root { get; }
    public JObject Results { get; }
    public JObject Configs { get; }
    public JObject Config { get; }

    /// <summary>The run's date id from the file name (<c>results_2026-07-08T18-15-33.115417.json</c>); samples files carry the same one.</summary>
    public string? DateId { get; }

    public static LmEvalResultsFile Read(string path)
    {
        var file = SourceFile.Read(path);
        if (file.Name.StartsWith(LmEvalSamplesFile.Prefix, StringComparison.Ordinal))
            throw new ImportFormatException(path, "this is an lm-eval samples file; pass the results_<date>.json and give samples files with --samples");
        if (file.Json() is not JObject root)
            throw new ImportFormatException(path, "not an lm-eval results file (expected a JSON object)");
        if (root["results"] is not JObject || (root["configs"] is not JObject && root["versions"] is not JObject))
            throw new ImportFormatException(path, $"not an lm-eval results file (no \"results\", \"configs\" and \"versions\" objects){OtherHarness(root)}");
        return new LmEvalResultsFile(file, root);
    }

    /// <summary>The evaluated tasks: every results entry that is not a group of other tasks, in file order.</summary>
    public IReadOnlyList<string> Tasks()
    {
        var groups = Root["groups"] as JObject;
        var subtasks = Root["group_subtasks"] as JObject;
        return Results.Keys.Where(name => groups?.ContainsKey(name) != true && !(subtasks?[name] is JArray { Count: > 0 })).ToList();
    }

    public IReadOnlyList<string> Groups() => Results.Keys.Except(Tasks()).ToList();

    public JObject TaskConfig(string task) => Configs[task] as JObject ?? new JObject();

    /// <summary><c>n-samples[task].effective</c>: how many docs the task evaluated (after --limit).</summary>
    public long? EffectiveSamples(string task) =>
        (Root["n-samples"] as JObject)?[task] is JObject n && ImportedRecordAssembler.Number(n["effective"]) is { } effective ? (long)effective : null;

    public string? TaskHash(string task) => ImportedRecordAssembler.Text((Root["task_hashes"] as JObject)?[task]);

    public JValue? Field(string name) => Root[name];

    private static string OtherHarness(JObject root) =>
        root.ContainsKey("schema_version") && root.ContainsKey("evaluation_results") ? "; it looks like an Every Eval Ever aggregate (use `ledger import eee`)"
        : root.ContainsKey("eval") && root.ContainsKey("samples") ? "; it looks like an Inspect log (use `ledger import inspect`)"
        : root.ContainsKey("adapter_spec") || root.ContainsKey("request_states") ? "; it looks like a HELM file (use `ledger import helm`)"
        : "";
}
