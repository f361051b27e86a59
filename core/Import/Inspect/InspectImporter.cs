using System.Globalization;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Import.Inspect;

/// <summary>
/// An Inspect log (<c>.eval</c> or <c>.json</c>) into signed verievals run records: one record per scorer with scalar
/// values, item id = the sample id (with <c>:epoch</c> when the run had several epochs), prompt = the messages before the
/// model's first reply (as the solvers formatted them), output = the completion (multiple choice: the chosen option's
/// text), expected = the target (multiple choice: the target letter's option text), score = <c>value_to_float</c> of the
/// scorer's value (C 1, P 0.5, I and N 0). Stop reasons, output tokens and time per item go into
/// <c>model.params.item_facts</c>. See docs/harness-import.md.
/// </summary>
public static class InspectImporter
{
    public const string Harness = "inspect";

    public static HarnessImport Import(string logPath, Ed25519KeyPair key, string? signer = null)
    {
        var log = InspectLog.Read(logPath);
        var samples = Ordered(log.Samples);
        var multipleEpochs = samples.Any(s => ImportedRecordAssembler.Number(s["epoch"]) is > 1);
        var scorers = samples.SelectMany(s => (s["scores"] as JObject)?.Keys ?? []).Distinct(StringComparer.Ordinal).ToList();
        var notImported = new List<string>();
        var runs = new List<ImportedRun>();
        foreach (var scorer in scorers)
        {
            var scored = samples.Where(s => (s["scores"] as JObject)?[scorer] is JObject).ToList();
            var values = scored.Select(s => ValueToFloat(((JObject)((JObject)s["scores"]!)[scorer]!)["value"])).ToList();
            if (values.Any(v => v is null))
            {
                notImported.Add($"scorer {scorer}: its values are not single numbers or C/I/P/N letters (e.g. a dict per metric), so there is no per-item score");
                continue;
            }
            runs.Add(ImportScorer(log, scorer, scored, values.Select(v => v!.Value).ToList(), multipleEpochs, key, signer));
        }
        if (runs.Count == 0) throw new ImportFormatException(logPath, "no scorer has a per-item score to import");
        var unscored = samples.Count(s => s["scores"] is not JObject { Count: > 0 });
        if (unscored > 0) notImported.Add($"{unscored} samples without scores (errored or cancelled)");
        return new HarnessImport(Harness, runs, notImported);
    }

    /// <summary><c>value_to_float</c> (inspect_ai scorer/_metric.py): C 1, I 0, P 0.5, N 0; numbers and booleans as numbers; anything else has no single value.</summary>
    public static double? ValueToFloat(JValue? value) => value switch
    {
        JString { Value: "C" } => 1.0,
        JString { Value: "I" or "N" } => 0.0,
        JString { Value: "P" } => 0.5,
        JString s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) => parsed,
        JFloat or JInteger or JBool => ImportedRecordAssembler.Number(value) is { } n && double.IsFinite(n) ? n : null,
        _ => null,
    };

    private static ImportedRun ImportScorer(InspectLog log, string scorer, List<JObject> samples, List<double> scores, bool multipleEpochs, Ed25519KeyPair key, string? signer)
    {
        var items = new List<TaskResult>(samples.Count);
        var metadata = new List<JObject>(samples.Count);
        var facts = new ItemFacts();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? snapshot = null;
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            var id = sample["id"] is JString s ? s.Value : ImportedRecordAssembler.PythonStr(sample["id"]);
            var taskId = multipleEpochs ? $"{id}:{ImportedRecordAssembler.PythonStr(sample["epoch"])}" : id;
            if (!ids.Add(taskId)) throw new ImportFormatException(log.File.Path, $"sample {taskId} appears twice");
            var attachments = sample["attachments"] as JObject;
            var choices = (sample["choices"] as JArray)?.Items.Select(c => Resolve(ImportedRecordAssembler.Text(c) ?? "", attachments)).ToList();
            var target = Target(sample["target"], attachments);
            var output = sample["output"] as JObject;
            var completion = Resolve(ImportedRecordAssembler.Text(output?["completion"]) ?? FirstChoiceText(output) ?? "", attachments);
            var answer = ImportedRecordAssembler.Text(((JObject)((JObject)sample["scores"]!)[scorer]!)["answer"]);
            string? expected = target;
            if (choices is { Count: > 0 })
            {
                expected = Option(choices, target) ?? target;
                completion = Option(choices, answer) ?? completion;
                metadata.Add(new JObject { { "choices", new JArray(choices.Select(c => (JValue)c).ToArray()) } });
            }
            else metadata.Add(new JObject());
            items.Add(new TaskResult(taskId, Prompt(sample, attachments), completion, expected, scores[i], scores[i] >= 1.0));
            snapshot ??= ImportedRecordAssembler.Text(output?["model"]);
            var stopReason = ImportedRecordAssembler.Text(((output?["choices"] as JArray)?.Items.FirstOrDefault() as JObject)?["stop_reason"]);
            var tokens = ImportedRecordAssembler.Number((output?["usage"] as JObject)?["output_tokens"]);
            var seconds = ImportedRecordAssembler.Number(output?["time"]);
            facts.Add(taskId, sample["error"] is JObject or JString ? "error" : FinishReason(stopReason), tokens is { } t ? (long)t : null, seconds * 1000);
        }

        var eval = log.Eval;
        var task = ImportedRecordAssembler.Text(eval["task"])!;
        var evaluated = (eval["dataset"] as JObject)?["sample_ids"] is JArray sampleIds
            ? sampleIds.Count * (long)(ImportedRecordAssembler.Number((eval["config"] as JObject)?["epochs"]) ?? 1)
            : ImportedRecordAssembler.Number(log.Results?["total_samples"]) is { } total ? (long)total : (long?)null;
        var (provider, name) = SplitModel(ImportedRecordAssembler.Text(eval["model"])!);
        var model = new ModelInfo(provider, name, snapshot ?? "unknown", Params(log, scorer, facts, items.Count, evaluated));
        var limit = ImportedRecordAssembler.Number((eval["config"] as JObject)?["limit"]) is { } l ? (long)l : (long?)null;
        var seed = ImportedRecordAssembler.Number(GenerateConfig(log, samples)["seed"]) is { } sd ? (long)sd : 0;
        var created = DateTimeOffset.TryParse(ImportedRecordAssembler.Text(eval["created"]), CultureInfo.InvariantCulture, DateTimeStyles.None, out var c) ? c : (DateTimeOffset?)null;
        var description = $"Samples of Inspect task {task} as logged in {log.File.Name}" + (evaluated is { } n && items.Count < n ? $" ({items.Count} of the {n} the run evaluated)" : "");
        var (benchmark, record) = ImportedRecordAssembler.Assemble(
            ImportedRecordAssembler.BenchmarkId(Harness, task),
            ImportedRecordAssembler.Version(ImportedRecordAssembler.PythonStr(eval["task_version"] ?? new JInteger(0)), items.Count, evaluated),
            description, model, new RunnerConfig(seed, limit), items, $"inspect:{scorer}", key, created, signer, metadata);

        var notes = new List<string>();
        if (facts.Count > 0) notes.Add($"stop reason, output tokens or time of {Items(facts.Count)} kept in model.params.item_facts");
        var datasetSize = ImportedRecordAssembler.Number((eval["dataset"] as JObject)?["samples"]);
        if (datasetSize is { } size && evaluated is { } run && run < size) notes.Add($"the dataset has {size:0} samples; the run evaluated {run}");
        if (samples.Any(s => (s["messages"] as JArray)?.Items.OfType<JObject>().Count(m => ImportedRecordAssembler.Text(m["role"]) == "assistant") > 1))
            notes.Add("multi-turn samples: the output is the final completion; the intermediate turns are not in the record");
        return new ImportedRun($"{task} scorer {scorer}", benchmark, record, items.Count, evaluated, [], SourceAggregates(log, scorer, scores), notes);
    }

    private static JObject Params(InspectLog log, string scorer, ItemFacts facts, int recorded, long? evaluated)
    {
        var eval = log.Eval;
        var systemMessages = log.Plan["steps"] is JArray steps
            ? steps.Items.OfType<JObject>().Where(s => ImportedRecordAssembler.Text(s["solver"]) == "system_message")
                .Select(s => ImportedRecordAssembler.Text((s["params"] as JObject)?["template"])).OfType<string>().ToList()
            : [];
        var p = new JObject
        {
            { "harness", Harness },
            { "harness_version", (eval["packages"] as JObject)?["inspect_ai"] ?? JNull.Instance },
            { "log_version", log.Header["version"] ?? JNull.Instance },
            { "task", eval["task"]! },
            { "task_version", eval["task_version"] ?? JNull.Instance },
            { "task_args", eval["task_args"] ?? JNull.Instance },
            { "scorer", scorer },
            { "generate_config", GenerateConfig(log, log.Samples) },
            { "plan", log.Plan["steps"] ?? JNull.Instance },
            { "system_prompt_sha256", systemMessages.Count == 0 ? JNull.Instance : ContentHash.Sha256Hex(string.Join("\n", systemMessages)) },
            { "model_args", eval["model_args"] ?? JNull.Instance },
            { "model_base_url", eval["model_base_url"] ?? JNull.Instance },
            { "eval_config", eval["config"] ?? JNull.Instance },
            { "dataset", eval["dataset"] is JObject d ? new JObject { { "name", d["name"] ?? JNull.Instance }, { "location", d["location"] ?? JNull.Instance }, { "samples", d["samples"] ?? JNull.Instance }, { "shuffled", d["shuffled"] ?? JNull.Instance } } : JNull.Instance },
            { "revision", eval["revision"] ?? JNull.Instance },
            { "eval_id", eval["eval_id"] ?? JNull.Instance },
            { "items", ImportedRecordAssembler.ItemsParam(recorded, evaluated) },
            { "source_files", new JObject { { log.File.Name, log.File.Sha256 } } },
        };
        if (facts.Count > 0) p.Add("item_facts", facts.ToJson());
        return p;
    }

    /// <summary>
    /// What was sent to the model: <c>plan.config</c> and <c>model_generate_config</c>, and, where those are empty (the
    /// arc and pubmedqa logs), the config of the first model event, which is what Inspect actually used.
    /// </summary>
    private static JObject GenerateConfig(InspectLog log, IReadOnlyList<JObject> samples)
    {
        var merged = new JObject();
        foreach (var source in new[] { log.Eval["model_generate_config"] as JObject, log.Plan["config"] as JObject })
            foreach (var (k, v) in source ?? new JObject())
                if (!merged.ContainsKey(k) && v is not JNull) merged.Add(k, v);
        var modelEvent = samples.SelectMany(s => (s["events"] as JArray)?.Items.OfType<JObject>() ?? [])
            .FirstOrDefault(e => ImportedRecordAssembler.Text(e["event"]) == "model");
        foreach (var (k, v) in modelEvent?["config"] as JObject ?? new JObject())
            if (!merged.ContainsKey(k) && v is not JNull) merged.Add(k, v);
        return merged;
    }

    private static List<SourceAggregate> SourceAggregates(InspectLog log, string scorer, List<double> scores)
    {
        var list = new List<SourceAggregate>();
        var entry = (log.Results?["scores"] as JArray)?.Items.OfType<JObject>().FirstOrDefault(s => ImportedRecordAssembler.Text(s["name"]) == scorer);
        foreach (var (metric, value) in entry?["metrics"] as JObject ?? new JObject())
        {
            if (ImportedRecordAssembler.Number((value as JObject)?["value"]) is not { } sourceValue) continue;
            double? items = metric is "accuracy" or "mean" ? scores.Average() : null;
            list.Add(new SourceAggregate(metric, sourceValue, items));
        }
        return list;
    }

    /// <summary>
    /// Inspect's stop reason in the record's vocabulary: stop; max_tokens and model_length are "length" (truncated);
    /// the others (tool_calls, content_filter, unknown) are kept as Inspect wrote them.
    /// </summary>
    public static string? FinishReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_length" => "length",
        _ => stopReason,
    };

    /// <summary>Samples in a stable order: by epoch, then by id (numerically when the ids are numbers), whatever order the zip lists them in.</summary>
    private static List<JObject> Ordered(IReadOnlyList<JObject> samples) =>
        samples.OrderBy(s => ImportedRecordAssembler.Number(s["epoch"]) ?? 1)
            .ThenBy(s => s["id"] is JInteger i ? i.Value : System.Numerics.BigInteger.Zero)
            .ThenBy(s => s["id"] is JString t ? t.Value : "", StringComparer.Ordinal)
            .ToList();

    /// <summary>The messages before the model's first reply: one message as its text, several as "role: text" blocks.</summary>
    private static string Prompt(JObject sample, JObject? attachments)
    {
        var before = (sample["messages"] as JArray)?.Items.OfType<JObject>()
            .TakeWhile(m => ImportedRecordAssembler.Text(m["role"]) != "assistant").ToList() ?? [];
        if (before.Count == 0) return sample["input"] is JString input ? Resolve(input.Value, attachments) : Text(sample["input"], attachments);
        if (before.Count == 1) return Text(before[0]["content"], attachments);
        return string.Join("\n\n", before.Select(m => $"{ImportedRecordAssembler.Text(m["role"])}: {Text(m["content"], attachments)}"));
    }

    /// <summary>A message content: a string, or content parts whose text parts are joined (other parts shown by type).</summary>
    private static string Text(JValue? content, JObject? attachments)
    {
        if (content is JString s) return Resolve(s.Value, attachments);
        if (content is not JArray parts) return content is null or JNull ? "" : CanonicalJson.Serialize(content);
        var sb = new StringBuilder();
        foreach (var part in parts.Items.OfType<JObject>())
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(ImportedRecordAssembler.Text(part["text"]) is { } text ? Resolve(text, attachments) : $"[{ImportedRecordAssembler.Text(part["type"]) ?? "content"}]");
        }
        return sb.ToString();
    }

    private static string? FirstChoiceText(JObject? output) =>
        ((output?["choices"] as JArray)?.Items.FirstOrDefault() as JObject)?["message"] is JObject message ? Text(message["content"], null) : null;

    /// <summary>Long texts in a log can be condensed to <c>attachment://&lt;hash&gt;</c>; the sample's attachments hold them.</summary>
    private static string Resolve(string text, JObject? attachments) =>
        text.StartsWith("attachment://", StringComparison.Ordinal) && attachments?[text["attachment://".Length..]] is JString full ? full.Value : text;

    private static string? Target(JValue? target, JObject? attachments) => target switch
    {
        JString s => Resolve(s.Value, attachments),
        JArray { Count: 0 } => null,
        JArray a => string.Join("\n", a.Items.Select(t => Resolve(ImportedRecordAssembler.Text(t) ?? ImportedRecordAssembler.PythonStr(t), attachments))),
        null or JNull => null,
        _ => ImportedRecordAssembler.PythonStr(target),
    };

    /// <summary>The option a letter names (A is the first), or null when it is not a letter within the options.</summary>
    private static string? Option(List<string> choices, string? letter) =>
        letter is { Length: 1 } && char.IsAsciiLetterUpper(letter[0]) && letter[0] - 'A' < choices.Count ? choices[letter[0] - 'A'] : null;

    private static (string Provider, string Name) SplitModel(string model)
    {
        var slash = model.IndexOf('/');
        return slash > 0 ? (model[..slash], model[(slash + 1)..]) : ("unknown", model);
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
