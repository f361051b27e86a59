using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Import.Eee;

/// <summary>
/// An Every Eval Ever v0.3.0 aggregate plus its instance sidecar into signed verievals run records: one record per
/// evaluation in the sidecar (<c>evaluation_name</c>, and <c>evaluation_result_id</c> when set), item id =
/// <c>sample_id</c>, prompt = <c>input.formatted</c> or else <c>input.raw</c>, output = <c>output.raw[0]</c> (or the
/// rendered messages), expected = the first reference (multiple choice: the option text it indexes), score and passed
/// = <c>evaluation.score</c> / <c>is_correct</c>. The sidecar's checksum and row count are checked and reported.
/// </summary>
public static class EeeImporter
{
    public const string Harness = "eee";

    public static HarnessImport Import(string aggregatePath, string? sidecarPath, Ed25519KeyPair key, string? signer = null)
    {
        var aggregate = EeeAggregateFile.Read(aggregatePath);
        var path = sidecarPath ?? aggregate.SidecarPath()
            ?? throw new ImportFormatException(aggregatePath, "no per-item results: the aggregate has no detailed_evaluation_results and no --samples was given (a run record needs per-item results)");
        if (!File.Exists(path))
            throw new ImportFormatException(aggregatePath, $"its instance sidecar {Path.GetFileName(path)} is missing (looked beside the aggregate; give it with --samples)");
        var sidecar = SourceFile.Read(path);
        var rows = sidecar.JsonLines();
        if (rows.Count == 0) throw new ImportFormatException(path, "empty instance sidecar");
        for (var i = 0; i < rows.Count; i++)
        {
            var id = ImportedRecordAssembler.Text(rows[i]["evaluation_id"]);
            if (rows[i]["sample_id"] is null || rows[i]["evaluation"] is not JObject || rows[i]["input"] is not JObject)
                throw new ImportFormatException(path, $"line {i + 1} is not an EEE instance row (needs sample_id, input and evaluation)");
            if (id != aggregate.EvaluationId)
                throw new ImportFormatException(path, $"a sidecar of another evaluation: line {i + 1} has evaluation_id \"{id}\", {aggregate.File.Name} has \"{aggregate.EvaluationId}\"");
        }
        var checks = Checks(aggregate, sidecar, rows.Count);
        var runs = new List<ImportedRun>();
        foreach (var group in rows.GroupBy(r => (Name: ImportedRecordAssembler.Text(r["evaluation_name"]) ?? "", ResultId: ImportedRecordAssembler.Text(r["evaluation_result_id"]))))
            runs.Add(ImportEvaluation(aggregate, sidecar, group.Key.Name, group.Key.ResultId, group.ToList(), checks, key, signer));
        var notImported = aggregate.EvaluationResults
            .Select(r => ImportedRecordAssembler.Text(r["evaluation_name"]))
            .OfType<string>().Distinct().Where(n => runs.All(run => !run.Task.StartsWith(n, StringComparison.Ordinal)))
            .Select(n => $"{n}: in the aggregate but no rows in {sidecar.Name}").ToList();
        return new HarnessImport(Harness, runs, notImported);
    }

    private static List<ImportCheck> Checks(EeeAggregateFile aggregate, SourceFile sidecar, int rowCount)
    {
        var detailed = aggregate.Detailed;
        var checks = new List<ImportCheck>();
        var algorithm = ImportedRecordAssembler.Text(detailed?["hash_algorithm"]) ?? "sha256";
        var claimed = ImportedRecordAssembler.Text(detailed?["checksum"]);
        if (claimed is null) checks.Add(new("checksum", null, "the aggregate gives no sidecar checksum"));
        else if (algorithm is not ("sha256" or "md5")) checks.Add(new("checksum", null, $"unknown hash_algorithm {algorithm}"));
        else
        {
            var computed = Hex.Encode(algorithm == "md5" ? MD5.HashData(sidecar.Bytes) : SHA256.HashData(sidecar.Bytes));
            checks.Add(new("checksum", computed == claimed, computed == claimed ? $"{algorithm} {computed[..16]}…" : $"aggregate says {claimed}, the sidecar's {algorithm} is {computed}"));
        }
        if (ImportedRecordAssembler.Number(detailed?["total_rows"]) is { } total)
            checks.Add(new("total_rows", (long)total == rowCount, $"aggregate says {(long)total}, the sidecar has {rowCount}"));
        else checks.Add(new("total_rows", null, "the aggregate gives no total_rows"));
        return checks;
    }

    private static ImportedRun ImportEvaluation(EeeAggregateFile aggregate, SourceFile sidecar, string evaluationName, string? resultId,
        List<JObject> rows, List<ImportCheck> checks, Ed25519KeyPair key, string? signer)
    {
        var entries = aggregate.EvaluationResults
            .Where(r => ImportedRecordAssembler.Text(r["evaluation_name"]) == evaluationName && (resultId is null || ImportedRecordAssembler.Text(r["evaluation_result_id"]) == resultId))
            .ToList();
        var items = new List<TaskResult>(rows.Count);
        var metadata = new List<JObject>(rows.Count);
        var facts = new ItemFacts();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var extraReferences = 0;
        foreach (var row in rows)
        {
            var sampleId = row["sample_id"] is JString s ? s.Value : ImportedRecordAssembler.PythonStr(row["sample_id"]);
            if (!ids.Add(sampleId)) throw new ImportFormatException(sidecar.Path, $"sample_id {sampleId} appears twice in evaluation {evaluationName}");
            var input = (JObject)row["input"]!;
            var prompt = ImportedRecordAssembler.Text(input["formatted"]) ?? ImportedRecordAssembler.Text(input["raw"])
                ?? throw new ImportFormatException(sidecar.Path, $"sample {sampleId}: input.raw is not a string");
            var references = (input["reference"] as JArray)?.Items.Select(r => r is JString t ? t.Value : ImportedRecordAssembler.PythonStr(r)).ToList() ?? [];
            if (references.Count > 1) extraReferences++;
            var choices = (input["choices"] as JArray)?.Items.Select(c => ImportedRecordAssembler.Text(c) ?? ImportedRecordAssembler.PythonStr(c)).ToList();
            var expected = references.Count == 0 ? null : references[0];
            if (expected is not null && choices is { Count: > 0 } && int.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < choices.Count)
                expected = choices[index];
            var evaluation = (JObject)row["evaluation"]!;
            var score = ImportedRecordAssembler.Number(evaluation["score"]) is { } value && double.IsFinite(value) && evaluation["score"] is not JBool
                ? value
                : throw new ImportFormatException(sidecar.Path, $"sample {sampleId}: evaluation.score is not a number");
            var passed = evaluation["is_correct"] is JBool correct ? correct.Value : score >= 1.0;
            items.Add(new TaskResult(sampleId, prompt, Output(row), expected, score, passed));
            metadata.Add(choices is { Count: > 0 } ? new JObject { { "choices", new JArray(choices.Select(c => (JValue)c).ToArray()) } } : new JObject());
            var usage = row["token_usage"] as JObject;
            var outputTokens = ImportedRecordAssembler.Number(usage?["output_tokens"]) is { } tokens ? (long)tokens : (long?)null;
            facts.Add(sampleId, null, outputTokens, ImportedRecordAssembler.Number((row["performance"] as JObject)?["latency_ms"]));
        }

        long? inTask = entries.Select(e => ImportedRecordAssembler.Number(((e["score_details"] as JObject)?["uncertainty"] as JObject)?["num_samples"])).Max() is { } n ? (long)n : null;
        var metricNames = entries.Select(MetricName).ToList();
        var taskLabel = resultId is null ? evaluationName : $"{evaluationName} ({resultId})";
        var description = $"Items of EEE evaluation {taskLabel} as listed in {sidecar.Name}" + (inTask is { } total && items.Count < total ? $" ({items.Count} of the {total} the aggregate reports)" : "");
        var (benchmark, record) = ImportedRecordAssembler.Assemble(
            ImportedRecordAssembler.BenchmarkId(Harness, resultId ?? evaluationName),
            ImportedRecordAssembler.Version("unknown", items.Count, inTask), description,
            Model(aggregate, sidecar, evaluationName, resultId, entries, facts, items.Count, inTask), new RunnerConfig(0, null),
            items, metricNames.Count == 1 ? $"eee:{metricNames[0]}" : "eee:evaluation.score", key, Timestamp(aggregate, entries), signer, metadata);

        var mean = items.Average(i => i.Score);
        var aggregates = entries.Select(e => ImportedRecordAssembler.Number((e["score_details"] as JObject)?["score"]) is { } v ? new SourceAggregate(MetricName(e), v, mean) : null)
            .OfType<SourceAggregate>().ToList();
        var notes = new List<string> { "EEE has no per-item finish reason (model.params.finish_reason says so)" };
        if (facts.Count > 0) notes.Add($"token counts or latency of {(facts.Count == 1 ? "1 item" : $"{facts.Count} items")} kept in model.params.item_facts");
        if (extraReferences > 0) notes.Add($"{extraReferences} items list more than one reference; expected holds the first, the others are lost");
        if (metricNames.Count > 1) notes.Add($"the aggregate reports {metricNames.Count} metrics ({string.Join(", ", metricNames)}) for one per-item score; the ones the items do not give are shown with both numbers");
        return new ImportedRun(taskLabel, benchmark, record, items.Count, inTask, checks, aggregates, notes);
    }

    /// <summary>single_turn: the first raw output; multi-turn and agentic rows have no output, so their messages are rendered "role: content".</summary>
    private static string Output(JObject row)
    {
        if ((row["output"] as JObject)?["raw"] is JArray { Count: > 0 } raw) return ImportedRecordAssembler.Text(raw[0]) ?? CanonicalJson.Serialize(raw[0]);
        if (row["messages"] is JArray messages)
        {
            var sb = new StringBuilder();
            foreach (var message in messages.Items.OfType<JObject>())
            {
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(ImportedRecordAssembler.Text(message["role"]) ?? "?").Append(": ")
                  .Append(message["content"] is JString c ? c.Value : CanonicalJson.Serialize(message["content"] ?? JNull.Instance));
            }
            return sb.ToString();
        }
        return "";
    }

    private static string MetricName(JObject entry)
    {
        var config = entry["metric_config"] as JObject;
        return ImportedRecordAssembler.Text(config?["metric_id"]) ?? ImportedRecordAssembler.Text(config?["metric_name"])
            ?? ImportedRecordAssembler.Text(config?["evaluation_description"]) ?? "score";
    }

    private static DateTimeOffset? Timestamp(EeeAggregateFile aggregate, List<JObject> entries)
    {
        var text = entries.Select(e => ImportedRecordAssembler.Text(e["evaluation_timestamp"])).FirstOrDefault(t => t is not null)
                   ?? ImportedRecordAssembler.Text(aggregate.Root["evaluation_timestamp"]) ?? ImportedRecordAssembler.Text(aggregate.Root["retrieved_timestamp"]);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix) && unix is > 0 and < 1e11
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(unix * 1000))
            : null;
    }

    private static ModelInfo Model(EeeAggregateFile aggregate, SourceFile sidecar, string evaluationName, string? resultId, List<JObject> entries,
        ItemFacts facts, int recorded, long? inTask)
    {
        var info = aggregate.ModelInfo;
        var details = info["additional_details"] as JObject;
        var first = entries.FirstOrDefault();
        var p = new JObject
        {
            { "harness", Harness },
            { "eee_schema_version", aggregate.SchemaVersion },
            { "evaluation_id", aggregate.EvaluationId },
            { "evaluation_name", evaluationName },
            { "evaluation_result_id", resultId is null ? JNull.Instance : resultId },
            { "eval_library", aggregate.EvalLibrary },
            { "generation_config", first?["generation_config"] ?? JNull.Instance },
            { "source_data", first?["source_data"] ?? JNull.Instance },
            { "model_details", details ?? (JValue)JNull.Instance },
            { "items", ImportedRecordAssembler.ItemsParam(recorded, inTask) },
            { "finish_reason", "not recorded by EEE" },
            { "source_files", new JObject { { aggregate.File.Name, aggregate.File.Sha256 }, { sidecar.Name, sidecar.Sha256 } } },
        };
        if (facts.Count > 0) p.Add("item_facts", facts.ToJson());
        var provider = ImportedRecordAssembler.Text(info["inference_platform"]) ?? ImportedRecordAssembler.Text((info["inference_engine"] as JObject)?["name"]) ?? "unknown";
        var name = ImportedRecordAssembler.Text(info["id"]) ?? ImportedRecordAssembler.Text(info["name"]) ?? "unknown";
        var version = ImportedRecordAssembler.Text(details?["sha"]) ?? ImportedRecordAssembler.Text(details?["revision"]) ?? "unknown";
        return new ModelInfo(provider, name, version, p);
    }
}
