using System.Text.RegularExpressions;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>
/// Maps a record's benchmark to a Hub dataset and task: an explicit `BENCHMARK=DATASET_ID[:TASK_ID][@REVISION]` first,
/// else what the imported record's `model.params` names (lm-eval `dataset.path` and `task`, EEE `source_data.hf_repo`
/// and `evaluation_name`, Inspect `dataset.location` or `name` and `task`), else the benchmark id with task `default`.
/// </summary>
public sealed partial class HfDatasetMapping
{
    private readonly Dictionary<string, (string Dataset, string? Task, string? Revision)> _explicit = new(StringComparer.Ordinal);

    // Hub repo ids: an optional namespace and a name of letters, digits, `-`, `_`, `.`.
    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex HubId();

    [GeneratedRegex(@"^(?<bench>[^=]+)=(?<dataset>[^:@]+)(:(?<task>[^@]+))?(@(?<rev>.+))?$")]
    private static partial Regex Spec();

    /// <summary>Parses `BENCHMARK=DATASET_ID[:TASK_ID][@REVISION]`; throws <see cref="FormatException"/> with the reason.</summary>
    public void Add(string spec)
    {
        var m = Spec().Match(spec);
        if (!m.Success) throw new FormatException($"'{spec}' is not BENCHMARK=DATASET_ID[:TASK_ID][@REVISION]");
        var dataset = m.Groups["dataset"].Value;
        if (!HubId().IsMatch(dataset)) throw new FormatException($"'{dataset}' is not a Hub dataset id (namespace/name)");
        _explicit[m.Groups["bench"].Value] = (dataset, m.Groups["task"].Success ? m.Groups["task"].Value : null, m.Groups["rev"].Success ? m.Groups["rev"].Value : null);
    }

    public HfDatasetTarget Resolve(RecordBody body)
    {
        var (derivedDataset, derivedTask) = FromParams(body.Model.Params);
        var bench = body.Benchmark;
        if (_explicit.TryGetValue($"{bench.Id}@{bench.Version}", out var e) || _explicit.TryGetValue(bench.Id, out e))
            return new HfDatasetTarget(e.Dataset, e.Task ?? derivedTask ?? "default", e.Revision, true);
        return derivedDataset is not null
            ? new HfDatasetTarget(derivedDataset, derivedTask ?? "default", null, true)
            : new HfDatasetTarget(bench.Id, derivedTask ?? "default", null, false);
    }

    private static (string? Dataset, string? Task) FromParams(JObject p)
    {
        var dataset = p["dataset"] as JObject;
        switch (Text(p["harness"]))
        {
            case "lm-eval":
                return (HubIdOrNull(Text(dataset?["path"])), Text(p["task"]));
            case "eee":
                return (HubIdOrNull(Text((p["source_data"] as JObject)?["hf_repo"])), Text(p["evaluation_name"]));
            case "inspect":
                var task = Text(p["task"]);
                // Inspect task names carry their registry (`inspect_evals/mmlu_0_shot`); the eval.yaml task is the last part.
                task = task?[(task.LastIndexOf('/') + 1)..];
                return (HubIdOrNull(Text(dataset?["location"])) ?? HubIdOrNull(Text(dataset?["name"])), task);
            default:
                return (null, null);
        }
    }

    private static string? HubIdOrNull(string? s) => s is not null && HubId().IsMatch(s) ? s : null;

    private static string? Text(JValue? v) => v is JString s ? s.Value : null;
}
