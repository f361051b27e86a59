using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import.Eee;

/// <summary>
/// An Every Eval Ever aggregate (<c>&lt;uuid&gt;.json</c>, schema v0.3.0): model, library, per-metric results and the
/// pointer to its instance sidecar with that file's checksum and row count.
/// </summary>
public sealed class EeeAggregateFile
{
    private EeeAggregateFile(SourceFile file, JObject root) => (File, Root) = (file, root);

    public SourceFile File { get; }
    public JObject Root { get; }
    public string EvaluationId => ImportedRecordAssembler.Text(Root["evaluation_id"]) ?? "";
    public string SchemaVersion => ImportedRecordAssembler.Text(Root["schema_version"]) ?? "";
    public JObject ModelInfo => Root["model_info"] as JObject ?? new JObject();
    public JObject EvalLibrary => Root["eval_library"] as JObject ?? new JObject();
    public IReadOnlyList<JObject> EvaluationResults => (Root["evaluation_results"] as JArray)?.Items.OfType<JObject>().ToList() ?? [];
    public JObject? Detailed => Root["detailed_evaluation_results"] as JObject;

    public static EeeAggregateFile Read(string path)
    {
        var file = SourceFile.Read(path);
        if (file.Name.EndsWith(".jsonl", StringComparison.Ordinal))
            throw new ImportFormatException(path, "this is a JSON Lines file (an instance sidecar?); pass the aggregate <uuid>.json and give the sidecar with --samples");
        if (file.Json() is not JObject root || root["schema_version"] is not JString || root["evaluation_results"] is not JArray || root["model_info"] is not JObject)
            throw new ImportFormatException(path, $"not an Every Eval Ever aggregate (needs schema_version, model_info and evaluation_results){OtherHarness(file)}");
        return new EeeAggregateFile(file, root);
    }

    /// <summary>Where the sidecar is: the file named by <c>detailed_evaluation_results.file_path</c>, looked for beside the aggregate.</summary>
    public string? SidecarPath() =>
        ImportedRecordAssembler.Text(Detailed?["file_path"]) is { } relative
            ? Path.Combine(Path.GetDirectoryName(File.Path) ?? ".", Path.GetFileName(relative))
            : null;

    private static string OtherHarness(SourceFile file) =>
        file.Json() is JObject o && o["results"] is JObject && (o.ContainsKey("configs") || o.ContainsKey("versions")) ? "; it looks like an lm-eval results file (use `ledger import lm-eval`)"
        : file.Json() is JObject i && i.ContainsKey("eval") && i.ContainsKey("plan") ? "; it looks like an Inspect log (use `ledger import inspect`)"
        : "";
}
