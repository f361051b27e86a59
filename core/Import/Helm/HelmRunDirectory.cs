using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import.Helm;

/// <summary>
/// A HELM run directory (<c>benchmark_output/runs/&lt;suite&gt;/&lt;run&gt;/</c>): <c>run_spec.json</c>,
/// <c>scenario_state.json</c> (one request state per instance: prompt, references, completion) and
/// <c>per_instance_stats.json</c> (the per-item scores); <c>stats.json</c> and <c>scenario.json</c> when present.
/// </summary>
public sealed class HelmRunDirectory
{
    public static readonly string[] RequiredFiles = ["run_spec.json", "scenario_state.json", "per_instance_stats.json"];
    public static readonly string[] OptionalFiles = ["stats.json", "scenario.json"];

    private HelmRunDirectory(string path, Dictionary<string, SourceFile> files) => (Path, Files) = (path, files);

    public string Path { get; }
    public IReadOnlyDictionary<string, SourceFile> Files { get; }
    public JObject RunSpec { get; private init; } = null!;
    public IReadOnlyList<JObject> RequestStates { get; private init; } = [];
    public IReadOnlyList<JObject> PerInstanceStats { get; private init; } = [];
    public IReadOnlyList<JObject> Stats { get; private init; } = [];
    public JObject AdapterSpec => RunSpec["adapter_spec"] as JObject ?? new JObject();

    public static HelmRunDirectory Read(string path)
    {
        if (File.Exists(path)) throw new ImportFormatException(path, "expected a HELM run directory (holding run_spec.json, scenario_state.json and per_instance_stats.json), got a file");
        if (!Directory.Exists(path)) throw new ImportFormatException(path, "directory not found");
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var name in RequiredFiles)
        {
            var file = System.IO.Path.Combine(path, name);
            if (!File.Exists(file)) throw new ImportFormatException(path, $"not a HELM run directory (no {name})");
            files[name] = SourceFile.Read(file);
        }
        foreach (var name in OptionalFiles)
            if (File.Exists(System.IO.Path.Combine(path, name))) files[name] = SourceFile.Read(System.IO.Path.Combine(path, name));

        var runSpec = files["run_spec.json"].Json() as JObject;
        if (runSpec?["name"] is not JString || runSpec["adapter_spec"] is not JObject)
            throw new ImportFormatException(files["run_spec.json"].Path, "not a HELM run spec (no name and adapter_spec)");
        var states = (files["scenario_state.json"].Json() as JObject)?["request_states"] as JArray
            ?? throw new ImportFormatException(files["scenario_state.json"].Path, "not a HELM scenario state (no request_states)");
        var perInstance = files["per_instance_stats.json"].Json() as JArray
            ?? throw new ImportFormatException(files["per_instance_stats.json"].Path, "not HELM per-instance stats (expected a JSON array)");
        var stats = files.TryGetValue("stats.json", out var statsFile) ? (statsFile.Json() as JArray)?.Items.OfType<JObject>().ToList() ?? [] : [];
        return new HelmRunDirectory(path, files)
        {
            RunSpec = runSpec,
            RequestStates = states.Items.OfType<JObject>().ToList(),
            PerInstanceStats = perInstance.Items.OfType<JObject>().ToList(),
            Stats = stats,
        };
    }
}
