using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Traces;

/// <summary>
/// Reads the trace-pipeline JSONL shapes that carry an attempt's text and its outcome:
/// `rollout-wire/v1` (one rollout branch: `task`, `final_answer`, `objective_status` pass|fail) and
/// `compliance-eval-record/v1` (one attempt, possibly after repair rounds: `task_id`, `task_spec_hash`, `artifact`,
/// `final_pass`). The compliance shape holds no prompt text, so its task's prompt names the task and its spec hash.
/// Other shapes (e.g. `aep/v0.1`, which keeps only digests of outputs) are refused with the reason.
/// </summary>
public static class TraceReader
{
    public const string Rollout = "rollout-wire/v1";
    public const string Compliance = "compliance-eval-record/v1";

    public static IEnumerable<TraceAttempt> ReadFile(string path)
    {
        if (!File.Exists(path)) throw new TraceFormatException($"trace file not found: {path}");
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var at = $"{path}:{number}";
            JObject o;
            try { o = JsonParser.Parse(line) as JObject ?? throw new TraceFormatException($"{at}: expected a JSON object"); }
            catch (JsonParseException e) { throw new TraceFormatException($"{at}: not JSON: {e.Message}"); }
            yield return Optional(o, "schema_version", at) switch
            {
                Rollout => ReadRollout(o, at),
                Compliance => ReadCompliance(o, at),
                var other => throw new TraceFormatException(
                    $"{at}: schema_version \"{other}\" is not importable (known: {Rollout}, {Compliance}; an attempt needs its output text and its outcome)"),
            };
        }
    }

    private static TraceAttempt ReadRollout(JObject o, string at)
    {
        var status = Required(o, "objective_status", at);
        if (status is not ("pass" or "fail")) throw new TraceFormatException($"{at}: objective_status must be \"pass\" or \"fail\", got \"{status}\"");
        var provenance = o["provenance"] as JObject;
        var parameters = new JObject { { "trace_schema", Rollout }, { "rollout_id", Required(o, "rollout_id", at) } };
        if (o["branch_index"] is JInteger branch) parameters.Add("branch_index", branch);
        if (o["temperature"] is JFloat or JInteger) parameters.Add("temperature", o["temperature"]!);
        if (Optional(o, "session_id", at) is { } session) parameters.Add("session_id", session);
        DateTimeOffset? created = provenance?["created_at_ms"] is JInteger ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms.Value) : null;
        return new TraceAttempt(at, Required(o, "task", at), Required(o, "final_answer", at, allowEmpty: true), status == "pass",
            (provenance is null ? null : Optional(provenance, "model_provider", at)) ?? "trace",
            (provenance is null ? null : Optional(provenance, "model_id", at)) ?? "unknown", parameters, created);
    }

    private static TraceAttempt ReadCompliance(JObject o, string at)
    {
        var taskId = Required(o, "task_id", at);
        var spec = Required(o, "task_spec_hash", at);
        if (o["final_pass"] is not JBool { Value: var passed }) throw new TraceFormatException($"{at}: final_pass must be true or false");
        var parameters = new JObject { { "trace_schema", Compliance }, { "task_spec_hash", spec } };
        if (Optional(o, "mode", at) is { } mode) parameters.Add("mode", mode);
        if (o["repair_rounds"] is JInteger rounds) parameters.Add("repair_rounds", rounds);
        return new TraceAttempt(at, $"Compliance task {taskId} (task spec sha256 {spec})", Required(o, "artifact", at, allowEmpty: true),
            passed, "trace", Optional(o, "model", at) ?? "unknown", parameters, null);
    }

    private static string Required(JObject o, string key, string at, bool allowEmpty = false) => Optional(o, key, at) switch
    {
        null => throw new TraceFormatException($"{at}: missing \"{key}\""),
        "" when !allowEmpty => throw new TraceFormatException($"{at}: \"{key}\" is empty"),
        var s => s,
    };

    private static string? Optional(JObject o, string key, string at) => o[key] switch
    {
        null or JNull => null,
        JString s => s.Value,
        var other => throw new TraceFormatException($"{at}: \"{key}\" must be a string, got {other.Kind}"),
    };
}
