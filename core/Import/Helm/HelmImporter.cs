using System.Globalization;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Import.Helm;

/// <summary>
/// A HELM run directory into signed verievals run records: one record per split (test, valid), item id =
/// <c>instance.id</c> (with <c>:trial</c> when there are several train trials), prompt = <c>request.prompt</c> (the
/// few-shot prompt as sent), output = the first completion (multiple choice joint: the text of the option its letter
/// names), expected = the first reference tagged correct, score = the per-instance stat of the chosen metric
/// (<c>exact_match</c> unless asked otherwise). See docs/harness-import.md.
/// </summary>
public static class HelmImporter
{
    public const string Harness = "helm";
    public const string DefaultMetric = "exact_match";

    public static HarnessImport Import(string runDirectory, Ed25519KeyPair key, string? metric = null, string? signer = null)
    {
        var run = HelmRunDirectory.Read(runDirectory);
        metric ??= DefaultMetric;
        var statePath = run.Files["scenario_state.json"].Path;
        if (run.RequestStates.Any(s => s.ContainsKey("reference_index") && s["reference_index"] is not JNull))
            throw new ImportFormatException(statePath, $"adapter method {ImportedRecordAssembler.Text(run.AdapterSpec["method"])} sends one request per option; only joint multiple choice and generation are imported");
        var scores = ScoreIndex(run, metric);
        var trials = run.RequestStates.Any(s => ImportedRecordAssembler.Number(s["train_trial_index"]) is > 0);
        var notImported = new List<string>();
        var runs = new List<ImportedRun>();
        foreach (var split in run.RequestStates.GroupBy(s => ImportedRecordAssembler.Text((s["instance"] as JObject)?["split"]) ?? "test"))
        {
            var imported = ImportSplit(run, split.Key, split.ToList(), metric, scores, trials, key, signer, notImported);
            if (imported is not null) runs.Add(imported);
        }
        if (runs.Count == 0) throw new ImportFormatException(run.Files["per_instance_stats.json"].Path, $"no instance has a per-instance {metric} stat");
        return new HarnessImport(Harness, runs, notImported);
    }

    private static ImportedRun? ImportSplit(HelmRunDirectory run, string split, List<JObject> states, string metric,
        Dictionary<(string, long), JObject> scores, bool trials, Ed25519KeyPair key, string? signer, List<string> notImported)
    {
        var items = new List<TaskResult>(states.Count);
        var metadata = new List<JObject>(states.Count);
        var facts = new ItemFacts();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var unscored = 0;
        var extraReferences = 0;
        var multipleChoice = (ImportedRecordAssembler.Text(run.AdapterSpec["method"]) ?? "").StartsWith("multiple_choice", StringComparison.Ordinal);
        foreach (var state in states)
        {
            var instance = state["instance"] as JObject ?? throw new ImportFormatException(run.Files["scenario_state.json"].Path, "a request state has no instance");
            var instanceId = ImportedRecordAssembler.Text(instance["id"]) ?? throw new ImportFormatException(run.Files["scenario_state.json"].Path, "an instance has no id");
            var trial = (long)(ImportedRecordAssembler.Number(state["train_trial_index"]) ?? 0);
            var taskId = trials ? $"{instanceId}:{trial}" : instanceId;
            if (!ids.Add(taskId)) throw new ImportFormatException(run.Files["scenario_state.json"].Path, $"instance {taskId} appears twice");
            if (!scores.TryGetValue((instanceId, trial), out var stats) || Stat(stats, metric, split) is not { } score)
            {
                unscored++;
                continue;
            }
            var request = state["request"] as JObject ?? new JObject();
            var result = state["result"] as JObject;
            var completion = ((result?["completions"] as JArray)?.Items.FirstOrDefault() as JObject);
            var output = ImportedRecordAssembler.Text(completion?["text"]) ?? "";
            var mapping = state["output_mapping"] as JObject;
            if (multipleChoice && mapping?[output.Trim()] is JString chosen) output = chosen.Value;
            var correct = ((instance["references"] as JArray)?.Items.OfType<JObject>() ?? [])
                .Where(r => (r["tags"] as JArray)?.Items.Any(t => t is JString { Value: "correct" }) == true)
                .Select(r => ImportedRecordAssembler.Text((r["output"] as JObject)?["text"])).OfType<string>().ToList();
            if (correct.Count > 1) extraReferences++;
            items.Add(new TaskResult(taskId, ImportedRecordAssembler.Text(request["prompt"]) ?? "", output, correct.FirstOrDefault(), score, score >= 1.0));
            metadata.Add(mapping is { Count: > 0 } ? new JObject { { "options", mapping } } : new JObject());
            var finish = ImportedRecordAssembler.Text(completion?["finish_reason"] is JObject fr ? fr["reason"] : completion?["finish_reason"]) switch
            {
                "endoftext" => "stop",
                null or "unknown" => FinishFromStats(stats, split),
                var reason => reason,
            };
            var tokens = Stat(stats, "num_output_tokens", split);
            var seconds = ImportedRecordAssembler.Number(result?["request_time"]);
            facts.Add(taskId, finish, tokens is { } t ? (long)t : null, seconds * 1000);
        }
        if (items.Count == 0)
        {
            notImported.Add($"split {split}: no instance has a per-instance {metric} stat");
            return null;
        }

        var name = ImportedRecordAssembler.Text(run.RunSpec["name"])!;
        var benchmarkName = WithoutModel(name);
        var deployment = ImportedRecordAssembler.Text(run.AdapterSpec["model_deployment"]) ?? ImportedRecordAssembler.Text(run.AdapterSpec["model"]) ?? "unknown";
        var provider = deployment.Contains('/') ? deployment[..deployment.IndexOf('/')] : "helm";
        var model = new ModelInfo(provider, ImportedRecordAssembler.Text(run.AdapterSpec["model"]) ?? deployment, "unknown",
            Params(run, split, metric, states, facts, items.Count, states.Count));
        var limit = ImportedRecordAssembler.Number(run.AdapterSpec["max_eval_instances"]) is { } l ? (long)l : (long?)null;
        var created = states.Select(s => ImportedRecordAssembler.Number((s["result"] as JObject)?["request_datetime"])).Where(d => d is not null).Min();
        var description = $"Instances of HELM run {benchmarkName} (split {split}) as logged in {Path.GetFileName(run.Path.TrimEnd('/', '\\'))}";
        var (benchmark, record) = ImportedRecordAssembler.Assemble(
            ImportedRecordAssembler.BenchmarkId(Harness, $"{benchmarkName}-{split}"),
            ImportedRecordAssembler.Version("unknown", items.Count, states.Count), description, model, new RunnerConfig(0, limit), items,
            $"helm:{metric}", key, created is { } c ? DateTimeOffset.FromUnixTimeSeconds((long)c) : null, signer, metadata);

        var notes = new List<string> { "HELM records no model version and no benchmark version (both \"unknown\")" };
        if (unscored > 0) notes.Add($"{unscored} instances have no per-instance {metric} stat and are not in the record");
        if (extraReferences > 0) notes.Add($"{extraReferences} instance{(extraReferences == 1 ? " has" : "s have")} more than one correct reference; expected holds the first, the others are lost");
        if (facts.Count > 0) notes.Add($"finish reason, output tokens or request time of {Items(facts.Count)} kept in model.params.item_facts");
        return new ImportedRun($"{benchmarkName} split {split}", benchmark, record, items.Count, states.Count, [], SourceAggregates(run, split, items.Select(i => i.TaskId).ToList(), scores, trials), notes);
    }

    private static Dictionary<(string, long), JObject> ScoreIndex(HelmRunDirectory run, string metric)
    {
        var index = new Dictionary<(string, long), JObject>();
        foreach (var entry in run.PerInstanceStats)
        {
            var id = ImportedRecordAssembler.Text(entry["instance_id"]);
            if (id is null) continue;
            index[(id, (long)(ImportedRecordAssembler.Number(entry["train_trial_index"]) ?? 0))] = entry;
        }
        return index;
    }

    /// <summary>A per-instance stat (no perturbation) by name: its mean, or sum/count where the mean is absent.</summary>
    private static double? Stat(JObject entry, string name, string split)
    {
        foreach (var stat in (entry["stats"] as JArray)?.Items.OfType<JObject>() ?? [])
        {
            var statName = stat["name"] as JObject;
            if (ImportedRecordAssembler.Text(statName?["name"]) != name || statName?["perturbation"] is JObject) continue;
            if (ImportedRecordAssembler.Text(statName?["split"]) is { } s && s != split) continue;
            if (ImportedRecordAssembler.Number(stat["mean"]) is { } mean) return mean;
            if (ImportedRecordAssembler.Number(stat["count"]) is { } count and > 0 && ImportedRecordAssembler.Number(stat["sum"]) is { } sum) return sum / count;
        }
        return null;
    }

    /// <summary>HELM's finish_reason_* stats: length means truncated; stop and endoftext a normal end; unknown says nothing.</summary>
    private static string? FinishFromStats(JObject stats, string split) =>
        Stat(stats, "finish_reason_length", split) is > 0 ? "length"
        : Stat(stats, "finish_reason_stop", split) is > 0 || Stat(stats, "finish_reason_endoftext", split) is > 0 ? "stop"
        : null;

    private static List<SourceAggregate> SourceAggregates(HelmRunDirectory run, string split, List<string> taskIds, Dictionary<(string, long), JObject> scores, bool trials)
    {
        var list = new List<SourceAggregate>();
        foreach (var stat in run.Stats)
        {
            var name = stat["name"] as JObject;
            if (name?["perturbation"] is JObject || ImportedRecordAssembler.Text(name?["split"]) != split) continue;
            var metric = ImportedRecordAssembler.Text(name?["name"]);
            if (metric is not ("exact_match" or "quasi_exact_match" or "prefix_exact_match" or "quasi_prefix_exact_match" or "f1_score" or "rouge_l" or "bleu_1" or "bleu_4")) continue;
            if (ImportedRecordAssembler.Number(stat["mean"]) is not { } value) continue;
            var perItem = taskIds.Select(id =>
            {
                var (instance, trial) = trials ? (id[..id.LastIndexOf(':')], long.Parse(id[(id.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture)) : (id, 0L);
                return scores.TryGetValue((instance, trial), out var e) ? Stat(e, metric, split) : null;
            }).ToList();
            list.Add(new SourceAggregate(metric, value, perItem.All(v => v is not null) ? perItem.Average(v => v!.Value) : null));
        }
        return list;
    }

    private static JObject Params(HelmRunDirectory run, string split, string metric, List<JObject> states, ItemFacts facts, int recorded, int inSplit)
    {
        var request = states.Select(s => s["request"] as JObject).FirstOrDefault(r => r is not null) ?? new JObject();
        var sent = new JObject();
        foreach (var (k, v) in request)
            if (k is not ("prompt" or "messages" or "multimodal_prompt")) sent.Add(k, v);
        var p = new JObject
        {
            { "harness", Harness },
            { "run_name", run.RunSpec["name"]! },
            { "scenario_spec", run.RunSpec["scenario_spec"] ?? JNull.Instance },
            { "adapter_spec", run.AdapterSpec },
            { "request", sent },
            { "metric", metric },
            { "metric_specs", run.RunSpec["metric_specs"] ?? JNull.Instance },
            { "split", split },
            { "items", ImportedRecordAssembler.ItemsParam(recorded, inSplit) },
            { "source_files", new JObject(run.Files.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => KeyValuePair.Create(f.Name, (JValue)f.Sha256))) },
        };
        if (facts.Count > 0) p.Add("item_facts", facts.ToJson());
        return p;
    }

    /// <summary>
    /// The run name without its model arguments (<c>mmlu:subject=philosophy,method=multiple_choice_joint,model=openai_gpt2</c>
    /// → <c>mmlu:subject=philosophy,method=multiple_choice_joint</c>), so runs of different models share a benchmark id and pair.
    /// </summary>
    public static string WithoutModel(string runName)
    {
        var colon = runName.IndexOf(':');
        if (colon < 0) return runName;
        var args = runName[(colon + 1)..].Split(',').Where(a => !a.StartsWith("model=", StringComparison.Ordinal) && !a.StartsWith("model_deployment=", StringComparison.Ordinal)).ToList();
        return args.Count == 0 ? runName[..colon] : $"{runName[..colon]}:{string.Join(",", args)}";
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
