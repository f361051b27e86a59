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
}
