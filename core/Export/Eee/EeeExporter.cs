using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Export.Eee;

/// <summary>
/// A run record as Every Eval Ever v0.3.0 (the inverse of <c>Import/Eee/EeeImporter</c> where the formats meet): one
/// aggregate with one evaluation result (accuracy = fraction passed, with its analytic standard error and 95% Wilson
/// interval), and one sidecar row per task result (<c>sample_id</c> = task id, <c>input.raw</c> = the prompt as sent,
/// <c>input.reference</c> = [expected], <c>output.raw</c> = [output], <c>evaluation.score</c>/<c>is_correct</c> =
/// score/passed). The same record and position always give the same bytes: the uuid is derived from the record id and
/// the timestamps are the record's own.
/// </summary>
public static class EeeExporter
{
    public const string SchemaVersion = "0.3.0";
    public const string Collection = "ledgercluster";

    // Generation settings EEE names, and the keys the sources spell them with (lm-eval, Inspect, HELM, ledger run).
    private static readonly (string Eee, string[] Keys)[] GenerationArgs =
    [
        ("temperature", ["temperature"]),
        ("top_p", ["top_p"]),
        ("top_k", ["top_k", "top_k_per_token"]),
        ("max_tokens", ["max_tokens", "max_gen_toks", "max_new_tokens"]),
    ];

    public static EeeExportFiles Export(RunRecord record, EeeLogPosition position)
    {
        var body = record.Body;
        var model = body.Model;
        var modelId = model.Name.Contains('/') ? model.Name : $"{model.Provider}/{model.Name}";
        var developer = modelId[..modelId.IndexOf('/')];
        var uuid = Uuid4Of(record.Id);
        var folder = $"data/{Collection}/{PathPart(developer)}/{PathPart(modelId[(developer.Length + 1)..])}";
        var evaluationName = body.Benchmark.Id;
        var resultId = $"{body.Benchmark.Id}@{body.Benchmark.Version}";
        var evaluationId = $"{resultId}/{modelId}/{record.Id}";
        var facts = model.Params["item_facts"] as JObject;

        var sidecar = new StringBuilder();
        foreach (var result in body.Results)
            sidecar.Append(CanonicalJson.Serialize(InstanceRow(result, evaluationId, modelId, evaluationName, resultId, body.Aggregate.Scorer, facts?[result.TaskId] as JObject))).Append('\n');
        var sidecarBytes = Encoding.UTF8.GetBytes(sidecar.ToString());

        var timestamp = UnixSeconds(record.Envelope.CreatedAt);
        var aggregate = new JObject
        {
            { "schema_version", SchemaVersion },
            { "evaluation_id", evaluationId },
            { "evaluation_timestamp", timestamp },
            { "retrieved_timestamp", timestamp },
            { "source_metadata", SourceMetadata(record, position) },
            { "eval_library", EvalLibrary(body) },
            { "model_info", ModelInfo(model, modelId, developer) },
            { "evaluation_results", new JArray(EvaluationResult(body, evaluationName, resultId, timestamp)) },
            {
                "detailed_evaluation_results", new JObject
                {
                    { "format", "jsonl" },
                    { "file_path", $"{folder}/{uuid}_samples.jsonl" },
                    { "hash_algorithm", "sha256" },
                    // As EEE defines them and `ledger import eee` checks them: SHA-256 of the file bytes, and its line count.
                    { "checksum", Hex.Encode(SHA256.HashData(sidecarBytes)) },
                    { "total_rows", (long)body.Results.Count },
                }
            },
        };
        return new EeeExportFiles(record.Id, uuid, folder, aggregate, sidecarBytes, body.Results.Count);
    }

    private static JObject InstanceRow(TaskResult result, string evaluationId, string modelId, string evaluationName, string resultId, string scorer, JObject? facts)
    {
        var reference = result.Expected is null ? new JArray() : new JArray(result.Expected);
        var row = new JObject
        {
            { "schema_version", SchemaVersion },
            { "evaluation_id", evaluationId },
            { "model_id", modelId },
            { "evaluation_name", evaluationName },
            { "evaluation_result_id", resultId },
            { "sample_id", result.TaskId },
            // EEE's documented recipe (instance-level.md): canonical JSON of raw and the full reference list.
            { "sample_hash", Hex.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(PythonAsciiJson.Serialize(new JObject { { "raw", result.Prompt }, { "reference", reference } })))) },
            { "interaction_type", "single_turn" },
            { "input", new JObject { { "raw", result.Prompt }, { "reference", reference } } },
            { "output", new JObject { { "raw", new JArray(result.Output) } } },
            {
                "answer_attribution", new JArray(new JObject
                {
                    { "turn_idx", 0L }, { "source", "output.raw" }, { "extracted_value", result.Output },
                    { "extraction_method", scorer }, { "is_terminal", true },
                })
            },
            { "evaluation", new JObject { { "score", result.Score }, { "is_correct", result.Passed } } },
        };
        var latency = result.LatencyMs ?? Number(facts?["latency_ms"]);
        if (latency is { } ms && ms >= 0) row.Add("performance", new JObject { { "latency_ms", ms } });
        // token_usage needs input and total tokens too, which a record does not hold: the output tokens and the finish
        // reason ride in metadata (string values).
        var metadata = new JObject();
        if ((result.FinishReason ?? (facts?["finish_reason"] as JString)?.Value) is { } reason) metadata.Add("finish_reason", reason);
        if ((result.OutputTokens ?? (long?)Number(facts?["output_tokens"])) is { } tokens) metadata.Add("output_tokens", tokens.ToString(CultureInfo.InvariantCulture));
        if (metadata.Count > 0) row.Add("metadata", metadata);
        return row;
    }

    private static JObject SourceMetadata(RunRecord record, EeeLogPosition position)
    {
        var details = new JObject
        {
            { "record_id", record.Id },
            { "content_hash", record.ContentHash },
            { "record_schema", record.Body.SchemaVersion },
            { "signature_algorithm", record.Signature.Algorithm },
            { "signer_public_key", record.Signature.PublicKey },
            { "trust_tier", position.Tier },
        };
        if (record.Envelope.Signer is { } signer) details.Add("signer", signer);
        if (position.Origin is { } origin) details.Add("log_origin", origin);
        if (position.Shard is { } shard) details.Add("log_shard", shard.ToString(CultureInfo.InvariantCulture));
        if (position.Index is { } index) details.Add("log_index", index.ToString(CultureInfo.InvariantCulture));
        if (position.ProofUrl is { } url) details.Add("proof_url", url);
        if (position.ProofFile is { } file) details.Add("proof_file", file);
        details.Add("verify_with", $"ledger verify {record.Id}.json" + (position.ProofUrl is not null || position.ProofFile is not null ? " (with its .tlog-proof beside it)" : ""));
        return new JObject
        {
            { "source_name", "LedgerCluster run record" },
            { "source_type", "evaluation_run" },
            // Who vouches for the results: the signer's name when the envelope gives one, else its key.
            { "source_organization_name", record.Envelope.Signer ?? $"ed25519 key {record.Signature.PublicKey[..16]}…" },
            // A signed record says who signed it, not how the signer relates to the model.
            { "evaluator_relationship", "other" },
            { "additional_details", details },
        };
    }

    private static JObject EvalLibrary(RecordBody body)
    {
        var p = body.Model.Params;
        return new JObject
        {
            // An imported record keeps the harness it came from; a `ledger run` record is LedgerCluster's own.
            { "name", TextOf(p["harness"]) ?? "ledgercluster" },
            { "version", TextOf(p["harness_version"]) ?? TextOf(p["lm_eval_version"]) ?? "unknown" },
            { "additional_details", new JObject { { "verievals_version", body.VerievalsVersion }, { "record_schema", body.SchemaVersion } } },
        };
    }

    private static JObject ModelInfo(ModelInfo model, string modelId, string developer)
    {
        var details = new JObject
        {
            { "deployment_type", "unknown" },
            { "model_availability", "unknown" },
            { "provider", model.Provider },
            // `ledger import eee` reads the version back from `revision`.
            { "revision", model.Version },
        };
        if (model.Snapshot is { } snapshot) details.Add("snapshot", snapshot);
        return new JObject
        {
            { "name", model.Name },
            { "id", modelId },
            { "developer", developer },
            { "inference_platform", model.Provider },
            { "additional_details", details },
        };
    }

    private static JObject EvaluationResult(RecordBody body, string evaluationName, string resultId, string timestamp)
    {
        var n = body.Results.Count;
        var passed = body.Results.Count(r => r.Passed);
        var accuracy = n == 0 ? 0.0 : (double)passed / n;
        var wilson = PairedStatistics.Wilson(passed, n);
        var standardDeviation = Math.Sqrt(accuracy * (1 - accuracy));
        var details = new JObject
        {
            { "passed", passed.ToString(CultureInfo.InvariantCulture) },
            { "num_tasks", n.ToString(CultureInfo.InvariantCulture) },
            { "mean_item_score", (n == 0 ? 0.0 : body.Results.Average(r => r.Score)).ToString("R", CultureInfo.InvariantCulture) },
            { "record_aggregate_accuracy", body.Aggregate.Accuracy.ToString("R", CultureInfo.InvariantCulture) },
        };
        if (body.Model.Params["items"] is JObject items && items["in_task"] is JInteger inTask)
            details.Add("items_in_task", inTask.Value.ToString(CultureInfo.InvariantCulture));
        var result = new JObject
        {
            { "evaluation_result_id", resultId },
            { "evaluation_name", evaluationName },
            {
                "source_data", new JObject
                {
                    { "dataset_name", body.Benchmark.Id },
                    { "source_type", "other" },
                    {
                        "additional_details", new JObject
                        {
                            { "benchmark_id", body.Benchmark.Id }, { "benchmark_version", body.Benchmark.Version },
                            { "benchmark_content_hash", body.Benchmark.ContentHash },
                        }
                    },
                }
            },
            { "evaluation_timestamp", timestamp },
            {
                "metric_config", new JObject
                {
                    { "evaluation_description", $"fraction of the {n} tasks passed (record scorer {body.Aggregate.Scorer})" },
                    { "metric_id", "accuracy" },
                    { "metric_name", "accuracy" },
                    { "metric_kind", "accuracy" },
                    { "metric_unit", "proportion" },
                    { "lower_is_better", false },
                    { "score_type", "continuous" },
                    { "min_score", 0.0 },
                    { "max_score", 1.0 },
                    { "additional_details", new JObject { { "scorer", body.Aggregate.Scorer } } },
                }
            },
            {
                "score_details", new JObject
                {
                    { "score", accuracy },
                    { "details", details },
                    {
                        "uncertainty", new JObject
                        {
                            // Binomial: SE = sqrt(p(1-p)/n), the SD of pass/fail over sqrt(n).
                            { "standard_error", new JObject { { "value", n == 0 ? 0.0 : standardDeviation / Math.Sqrt(n) }, { "method", "analytic" } } },
                            { "confidence_interval", new JObject { { "lower", wilson.Lower }, { "upper", wilson.Upper }, { "confidence_level", 0.95 }, { "method", "wilson" } } },
                            { "standard_deviation", standardDeviation },
                            { "num_samples", (long)n },
                        }
                    },
                }
            },
            { "generation_config", GenerationConfig(body) },
        };
        return result;
    }

    private static JObject GenerationConfig(RecordBody body)
    {
        var p = body.Model.Params;
        var args = new JObject();
        foreach (var (name, keys) in GenerationArgs)
        {
            var value = keys.Select(k => Find(p, k)).FirstOrDefault(v => v is JInteger or JFloat);
            if (value is null) continue;
            if (name == "max_tokens")
            {
                if (Number(value) is { } m && m >= 1 && m == Math.Floor(m) && m <= long.MaxValue) args.Add(name, (long)m);
            }
            else args.Add(name, Number(value)!.Value);
        }
        // Everything else the record knows about the run, as strings (the schema allows only string values here);
        // the per-item facts are in the sidecar rows instead.
        var details = new JObject
        {
            { "seed", body.Runner.Seed.ToString(CultureInfo.InvariantCulture) },
        };
        if (body.Runner.SampleLimit is { } limit) details.Add("sample_limit", limit.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in p.Members)
            if (key != "item_facts" && !details.ContainsKey(key)) details.Add(key, value is JString s ? s.Value : CanonicalJson.Serialize(value));
        return new JObject { { "generation_args", args }, { "additional_details", details } };
    }

    /// <summary>The first value under <paramref name="key"/>, breadth first, so a top-level setting wins over a nested one.</summary>
    private static JValue? Find(JObject root, string key)
    {
        var queue = new Queue<JObject>([root]);
        while (queue.Count > 0)
        {
            var o = queue.Dequeue();
            foreach (var (name, value) in o.Members)
            {
                if (name == "item_facts") continue;
                if (name == key && value is not JNull) return value;
                if (value is JObject child) queue.Enqueue(child);
            }
        }
        return null;
    }

    private static double? Number(JValue? value) => value switch
    {
        JInteger i => (double)i.Value,
        JFloat f => f.Value,
        _ => null,
    };

    private static string? TextOf(JValue? value) => value is JString s ? s.Value : null;

    /// <summary>A version-4 UUID from the record id, so exporting a record twice names the same files.</summary>
    private static string Uuid4Of(string recordId)
    {
        var hex = recordId[..32].ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[Convert.ToInt32(hex[16].ToString(), 16) & 3];
        var s = new string(hex);
        return $"{s[..8]}-{s[8..12]}-{s[12..16]}-{s[16..20]}-{s[20..32]}";
    }

    // Portable datastore path components: letters, digits, '.', '_', '-'.
    private static string PathPart(string text)
    {
        var cleaned = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('.');
        return cleaned.Length == 0 ? "unknown" : cleaned;
    }

    private static string UnixSeconds(string createdAt) =>
        DateTimeOffset.TryParse(createdAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)
            : "0";
}
