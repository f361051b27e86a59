using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import;

/// <summary>
/// Per-item facts the source logged beyond the verievals result fields (finish reason, token counts, latency).
/// verievals v1 results allow no extra keys (extensions need the ledgercluster schema, which the Python verifier does
/// not accept), so these ride in the hashed <c>model.params.item_facts</c> as <c>{task_id: {finish_reason, output_tokens,
/// latency_ms}}</c>: signed, and the record stays a valid verievals record with the same id in both implementations.
/// </summary>
public sealed class ItemFacts
{
    private readonly JObject _byTask = new();

    public int Count => _byTask.Count;

    /// <summary>Adds what is known for one item; nothing is added when every value is null.</summary>
    public void Add(string taskId, string? finishReason, long? outputTokens, double? latencyMs)
    {
        if (finishReason is null && outputTokens is null && latencyMs is null) return;
        var facts = new JObject();
        if (finishReason is not null) facts.Add("finish_reason", finishReason);
        if (outputTokens is { } tokens) facts.Add("output_tokens", tokens);
        if (latencyMs is { } latency && double.IsFinite(latency)) facts.Add("latency_ms", latency);
        _byTask.Add(taskId, facts);
    }

    public JObject ToJson() => _byTask;

    /// <summary>The key in model.params under which imported records carry the facts.</summary>
    public const string ParamsKey = "item_facts";

    /// <summary>Model.params keys that are import bookkeeping (per-item facts, source file digests, the source run's random id), not settings of the run.</summary>
    public static readonly string[] BookkeepingParams = [ParamsKey, "source_files", "eval_id", "evaluation_id"];

    /// <summary>The finish reason and output tokens an imported record keeps for <paramref name="taskId"/> (nulls when none).</summary>
    public static (string? FinishReason, long? OutputTokens) Of(JObject modelParams, string taskId)
    {
        if (modelParams[ParamsKey] is not JObject byTask || byTask[taskId] is not JObject facts) return (null, null);
        return (facts["finish_reason"] is JString reason ? reason.Value : null,
                facts["output_tokens"] is JInteger tokens && tokens.Value >= 0 && tokens.Value <= long.MaxValue ? (long)tokens.Value : null);
    }
}
