using System.Globalization;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Import.LmEval;

/// <summary>
/// lm-evaluation-harness output (<c>results_&lt;date&gt;.json</c> plus <c>samples_&lt;task&gt;_&lt;date&gt;.jsonl</c>) into
/// signed verievals run records: one record per task and filter, item id = <c>doc_id</c> (unique within a filter),
/// prompt = the first request's prompt as sent, output = the raw generation (multiple choice: the text of the
/// highest-loglikelihood option), expected = the target (multiple choice: the gold option's text), score = the first
/// per-item metric. lm-eval's own row hashes and task hash are recomputed and reported. See docs/harness-import.md.
/// </summary>
public static class LmEvalImporter
{
    public const string Harness = "lm-eval";

    public static HarnessImport Import(string resultsPath, IReadOnlyList<string>? samplesPaths, Ed25519KeyPair key, string? signer = null)
    {
        var results = LmEvalResultsFile.Read(resultsPath);
        var tasks = results.Tasks();
        var notImported = new List<string>();
        var samples = new List<LmEvalSamplesFile>();
        if (samplesPaths is { Count: > 0 })
        {
            foreach (var path in samplesPaths)
            {
                var file = LmEvalSamplesFile.Read(path, results);
                if (samples.Any(s => s.Task == file.Task)) throw new ImportFormatException(path, $"a second samples file for task \"{file.Task}\"");
                samples.Add(file);
            }
            foreach (var task in tasks.Where(t => samples.All(s => s.Task != t))) notImported.Add($"{task}: no samples file given, so no per-item results");
        }
        else
        {
            foreach (var task in tasks)
            {
                var path = results.DateId is null ? null : LmEvalSamplesFile.PathFor(results, task);
                if (path is null || !File.Exists(path))
                    throw new ImportFormatException(resultsPath, $"the samples of task \"{task}\" are missing ({(path is null ? "the file name carries no date id" : $"no {Path.GetFileName(path)} beside it")}; lm-eval writes them with --log_samples; pass --samples to import only some tasks)");
                samples.Add(LmEvalSamplesFile.Read(path, results));
            }
        }
        foreach (var group in results.Groups()) notImported.Add($"{group}: a group whose aggregate comes from its tasks (each task is imported on its own)");
        var runs = new List<ImportedRun>();
        foreach (var file in samples.OrderBy(s => tasks.ToList().IndexOf(s.Task))) runs.AddRange(ImportTask(results, file, key, signer, notImported));
        if (runs.Count == 0) throw new ImportFormatException(resultsPath, "nothing to import: no task has a per-item score");
        return new HarnessImport(Harness, runs, notImported);
    }

    private static List<ImportedRun> ImportTask(LmEvalResultsFile results, LmEvalSamplesFile samples, Ed25519KeyPair key, string? signer, List<string> notImported)
    {
        var task = samples.Task;
        var config = results.TaskConfig(task);
        var effective = results.EffectiveSamples(task);
        var byFilter = samples.Rows.GroupBy(r => ImportedRecordAssembler.Text(r["filter"]) ?? "none").ToList();
        var configuredFilters = (config["filter_list"] as JArray)?.Items.Select(f => ImportedRecordAssembler.Text((f as JObject)?["name"])).OfType<string>().ToList() ?? [];
        var filterCount = Math.Max(1, Math.Max(configuredFilters.Count, byFilter.Count));
        var checks = Checks(results, samples, effective, filterCount);
        foreach (var missing in configuredFilters.Where(f => byFilter.All(g => g.Key != f)))
            notImported.Add($"{task} filter {missing}: no rows in {samples.File.Name}");

        var runs = new List<ImportedRun>();
        foreach (var group in byFilter)
        {
            var filter = group.Key;
            var rows = group.ToList();
            if (effective is { } total && rows.Count > total)
                throw new ImportFormatException(samples.File.Path, $"{rows.Count} rows for filter {filter}, but {results.File.Name} says the task evaluated {total}");
            var (metric, corpusMetrics) = ChooseMetric(samples, rows[0], config);
            if (metric is null)
            {
                notImported.Add($"{task} filter {filter}: only corpus metrics ({string.Join(", ", corpusMetrics)}), whose rows hold [gold, pred] pairs, not per-item scores");
                continue;
            }
            runs.Add(ImportFilter(results, samples, config, filter, rows, metric, corpusMetrics, effective, checks, key, signer));
        }
        return runs;
    }

    private static ImportedRun ImportFilter(LmEvalResultsFile results, LmEvalSamplesFile samples, JObject config, string filter,
        List<JObject> rows, string metric, List<string> corpusMetrics, long? effective, List<ImportCheck> checks, Ed25519KeyPair key, string? signer)
    {
        var task = samples.Task;
        var multipleChoice = ImportedRecordAssembler.Text(config["output_type"]) == "multiple_choice";
        var items = new List<TaskResult>(rows.Count);
        var metadata = new List<JObject>(rows.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (item, choices) = MapRow(samples, rows[i], metric, multipleChoice);
            if (!ids.Add(item.TaskId))
                throw new ImportFormatException(samples.File.Path, $"doc_id {item.TaskId} appears twice for filter {filter} (two runs appended to one file?)");
            items.Add(item);
            metadata.Add(choices is null ? new JObject() : new JObject { { "choices", choices } });
        }

        var version = ImportedRecordAssembler.Version(ImportedRecordAssembler.PythonStr((results.Field("versions") as JObject)?[task]), items.Count, effective);
        var benchmarkId = ImportedRecordAssembler.BenchmarkId(Harness, task);
        var description = $"Items of lm-eval task {task} as logged in {samples.File.Name}" +
                          (effective is { } n && items.Count < n ? $" ({items.Count} of the {n} the task evaluated)" : "");
        var model = Model(results, samples, config, filter, metric, corpusMetrics, items.Count, effective);
        var seed = (results.Config["random_seed"] as JInteger)?.Value is { } s ? (long)s : 0;
        var limit = ImportedRecordAssembler.Number(results.Config["limit"]) is { } l ? (long)l : (long?)null;
        var created = ImportedRecordAssembler.Number(results.Field("date")) is { } unix ? DateTimeOffset.FromUnixTimeMilliseconds((long)(unix * 1000)) : (DateTimeOffset?)null;
        var (benchmark, record) = ImportedRecordAssembler.Assemble(benchmarkId, version, description, model, new RunnerConfig(seed, limit),
            items, $"lm-eval:{metric},{filter}", key, created, signer, metadata);

        var notes = new List<string>();
        if (corpusMetrics.Count > 0)
            notes.Add($"{string.Join(", ", corpusMetrics)}: corpus metrics (rows hold [gold, pred] pairs), no per-item score; the item scores are {metric}");
        notes.Add("lm-eval logs no finish reason or token counts per item (model.params.finish_reason says so)");
        return new ImportedRun($"{task} filter {filter}", benchmark, record, items.Count, effective, checks,
            SourceAggregates(results, task, filter, rows, items), notes);
    }

    private static (TaskResult Item, JArray? Choices) MapRow(LmEvalSamplesFile samples, JObject row, string metric, bool multipleChoice)
    {
        var docId = ((JInteger)row["doc_id"]!).Value.ToString(CultureInfo.InvariantCulture);
        var where = $"doc_id {docId}";
        var requests = (JObject)row["arguments"]!;
        var prompt = ImportedRecordAssembler.Text((requests["gen_args_0"] as JObject)?["arg_0"])
                     ?? throw new ImportFormatException(samples.File.Path, $"{where}: arguments.gen_args_0.arg_0 (the prompt) is not a string");
        var target = row["target"] is JString t ? t.Value : ImportedRecordAssembler.PythonStr(row["target"]);
        var score = ImportedRecordAssembler.Number(row[metric]) is { } value && double.IsFinite(value)
            ? value
            : throw new ImportFormatException(samples.File.Path, $"{where}: metric {metric} is not a number");
        if (!multipleChoice) return (new TaskResult(docId, prompt, GeneratedText(row), target, score, score >= 1.0), null);

        var choices = new List<string>();
        for (var i = 0; requests[$"gen_args_{i}"] is JObject request; i++)
            choices.Add(ImportedRecordAssembler.Text(request["arg_1"]) ?? throw new ImportFormatException(samples.File.Path, $"{where}: gen_args_{i}.arg_1 (a choice) is not a string"));
        var chosen = ArgMaxLoglikelihood(row, choices.Count) ?? throw new ImportFormatException(samples.File.Path, $"{where}: filtered_resps do not hold one loglikelihood per choice");
        var expected = int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var gold) && gold < choices.Count ? choices[gold] : target;
        return (new TaskResult(docId, prompt, choices[chosen], expected, score, score >= 1.0), new JArray(choices.Select(c => (JValue)c).ToArray()));
    }

    /// <summary>The raw generation (<c>resps[0][0]</c>); the filtered answer the metric saw is one pipeline step later.</summary>
    private static string GeneratedText(JObject row) =>
        row["resps"] is JArray { Count: > 0 } resps && resps[0] is JArray { Count: > 0 } first && first[0] is JString raw ? raw.Value
        : row["filtered_resps"] is JArray { Count: > 0 } filtered && filtered[0] is JString f ? f.Value
        : CanonicalJson.Serialize(row["filtered_resps"] ?? JNull.Instance);

    /// <summary>The option lm-eval's <c>acc</c> picks: the first maximum of the per-choice loglikelihoods (numpy argmax).</summary>
    private static int? ArgMaxLoglikelihood(JObject row, int choices)
    {
        if (row["filtered_resps"] is not JArray responses || responses.Count != choices) return null;
        var best = -1;
        var bestValue = double.NegativeInfinity;
        for (var i = 0; i < choices; i++)
        {
            var cell = responses[i] is JArray pair && pair.Count > 0 ? pair[0] : responses[i];
            var text = cell is JString s ? s.Value : ImportedRecordAssembler.Number(cell)?.ToString("R", CultureInfo.InvariantCulture);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
            if (best < 0 || value > bestValue) (best, bestValue) = (i, value);
        }
        return best;
    }

    private static (string? Metric, List<string> Corpus) ChooseMetric(LmEvalSamplesFile samples, JObject row, JObject config)
    {
        var names = (row["metrics"] as JArray)?.Items.OfType<JString>().Select(m => m.Value).ToList()
                    ?? (config["metric_list"] as JArray)?.Items.Select(m => ImportedRecordAssembler.Text((m as JObject)?["metric"])).OfType<string>().ToList()
                    ?? [];
        if (names.Count == 0) throw new ImportFormatException(samples.File.Path, "the rows name no metrics");
        var perItem = names.Where(n => ImportedRecordAssembler.Number(row[n]) is not null).ToList();
        return (perItem.FirstOrDefault(), names.Except(perItem).ToList());
    }

    private static List<ImportCheck> Checks(LmEvalResultsFile results, LmEvalSamplesFile samples, long? effective, int filterCount)
    {
        var hashes = new List<(string Doc, string Prompt, string Target)>(samples.Rows.Count);
        int docOk = 0, promptOk = 0, targetOk = 0;
        foreach (var row in samples.Rows)
        {
            var prompt = ImportedRecordAssembler.Text(((row["arguments"] as JObject)?["gen_args_0"] as JObject)?["arg_0"]) ?? "";
            var target = row["target"] is JString t ? t.Value : ImportedRecordAssembler.PythonStr(row["target"]);
            var computed = (LmEvalHashes.Doc(row["doc"]!), LmEvalHashes.Prompt(prompt), LmEvalHashes.Target(target));
            docOk += ImportedRecordAssembler.Text(row["doc_hash"]) == computed.Item1 ? 1 : 0;
            promptOk += ImportedRecordAssembler.Text(row["prompt_hash"]) == computed.Item2 ? 1 : 0;
            targetOk += ImportedRecordAssembler.Text(row["target_hash"]) == computed.Item3 ? 1 : 0;
            // The task hash is over the hashes the file claims (as lm-eval computed it), checked against the results file.
            hashes.Add((ImportedRecordAssembler.Text(row["doc_hash"]) ?? "", ImportedRecordAssembler.Text(row["prompt_hash"]) ?? "", ImportedRecordAssembler.Text(row["target_hash"]) ?? ""));
        }
        var n = samples.Rows.Count;
        var checks = new List<ImportCheck>
        {
            new("doc_hash", docOk == n, $"{docOk} of {n} rows match"),
            new("prompt_hash", promptOk == n, $"{promptOk} of {n} rows match"),
            new("target_hash", targetOk == n, $"{targetOk} of {n} rows match"),
        };
        var claimed = results.TaskHash(samples.Task);
        var expectedRows = effective * filterCount;
        if (claimed is null) checks.Add(new("task_hash", null, $"{results.File.Name} has no task_hashes entry for {samples.Task}"));
        else if (expectedRows is not { } rowsInTask || n != rowsInTask)
            checks.Add(new("task_hash", null, string.Create(CultureInfo.InvariantCulture, $"the samples file holds {n:N0} of {(expectedRows is { } e ? e.ToString("N0", CultureInfo.InvariantCulture) : "?")} rows ({(effective is { } ef ? ef.ToString("N0", CultureInfo.InvariantCulture) : "?")} docs x {filterCount} filter{(filterCount > 1 ? "s" : "")}); the task hash covers all of them")));
        else
        {
            var computed = LmEvalHashes.Task(hashes);
            checks.Add(new("task_hash", computed == claimed, computed == claimed ? $"{computed[..16]}… over {n} rows" : $"results file {claimed[..Math.Min(16, claimed.Length)]}…, rows give {computed[..16]}…"));
        }
        return checks;
    }

    private static List<SourceAggregate> SourceAggregates(LmEvalResultsFile results, string task, string filter, List<JObject> rows, List<TaskResult> items)
    {
        var list = new List<SourceAggregate>();
        if (results.Results[task] is not JObject values) return list;
        foreach (var (key, value) in values)
        {
            var comma = key.LastIndexOf(',');
            if (comma < 0 || key[(comma + 1)..] != filter || key[..comma].EndsWith("_stderr", StringComparison.Ordinal)) continue;
            if (ImportedRecordAssembler.Number(value) is not { } sourceValue || value is JBool) continue;
            var metric = key[..comma];
            var perItem = rows.Select(r => ImportedRecordAssembler.Number(r[metric])).ToList();
            double? itemMean = perItem.All(v => v is not null) && perItem.Count > 0 ? perItem.Average(v => v!.Value) : null;
            list.Add(new SourceAggregate(key, sourceValue, itemMean));
        }
        return list;
    }

    private static ModelInfo Model(LmEvalResultsFile results, LmEvalSamplesFile samples, JObject config, string filter, string metric,
        List<string> corpusMetrics, int recorded, long? effective)
    {
        var run = results.Config;
        var chatTemplateSha = ImportedRecordAssembler.Text(results.Field("chat_template_sha"))
                              ?? (ImportedRecordAssembler.Text(results.Field("chat_template")) is { } template ? Hashing.ContentHash.Sha256Hex(template) : null);
        var p = new JObject
        {
            { "harness", Harness },
            { "harness_version", results.Field("lm_eval_version") ?? JNull.Instance },
            { "harness_git_hash", results.Field("git_hash") ?? JNull.Instance },
            { "task", samples.Task },
            { "output_type", config["output_type"] ?? JNull.Instance },
            { "filter", filter },
            { "metric", metric },
            { "generation_kwargs", config["generation_kwargs"] ?? JNull.Instance },
            { "gen_kwargs", run["gen_kwargs"] ?? JNull.Instance },
            { "num_fewshot", (results.Field("n-shot") as JObject)?[samples.Task] ?? config["num_fewshot"] ?? JNull.Instance },
            { "fewshot_as_multiturn", results.Field("fewshot_as_multiturn") ?? JNull.Instance },
            { "chat_template_sha", chatTemplateSha is null ? JNull.Instance : chatTemplateSha },
            { "system_instruction_sha", results.Field("system_instruction_sha") ?? JNull.Instance },
            { "backend", run["model"] ?? JNull.Instance },
            { "model_args", run["model_args"] ?? JNull.Instance },
            { "model_dtype", run["model_dtype"] ?? JNull.Instance },
            { "model_revision", run["model_revision"] ?? JNull.Instance },
            { "model_sha", run["model_sha"] ?? JNull.Instance },
            { "batch_size", run["batch_size"] ?? JNull.Instance },
            { "max_length", results.Field("max_length") ?? JNull.Instance },
            { "limit", run["limit"] ?? JNull.Instance },
            { "fewshot_seed", run["fewshot_seed"] ?? JNull.Instance },
            { "dataset", new JObject { { "path", config["dataset_path"] ?? JNull.Instance }, { "name", config["dataset_name"] ?? JNull.Instance }, { "split", config["test_split"] ?? JNull.Instance } } },
            { "items", ImportedRecordAssembler.ItemsParam(recorded, effective) },
            { "finish_reason", "not recorded by lm-eval" },
            { "source_files", new JObject { { results.File.Name, results.File.Sha256 }, { samples.File.Name, samples.File.Sha256 } } },
            { "source_task_hash", results.TaskHash(samples.Task) is { } h ? h : JNull.Instance },
        };
        if (corpusMetrics.Count > 0) p.Add("corpus_metrics_without_item_scores", new JArray(corpusMetrics.Select(m => (JValue)m).ToArray()));
        var name = ImportedRecordAssembler.Text(results.Field("model_name")) ?? "unknown";
        var version = ImportedRecordAssembler.Text(run["model_sha"]) ?? ImportedRecordAssembler.Text(run["model_revision"]) ?? "unknown";
        return new ModelInfo(ImportedRecordAssembler.Text(run["model"]) ?? "lm-eval", name, version, p);
    }
}
