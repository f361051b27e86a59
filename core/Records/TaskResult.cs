using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>One task's full result; the last three fields are ledgercluster extensions.</summary>
public sealed record TaskResult(
    string TaskId,
    string Prompt,
    string Output,
    string? Expected,
    double Score,
    bool Passed,
    string? FinishReason = null,
    long? OutputTokens = null,
    double? LatencyMs = null)
{
    public static readonly string[] FinishReasons = ["stop", "length", "error"];

    public bool HasExtensions => FinishReason is not null || OutputTokens is not null || LatencyMs is not null;

    public JObject ToJson()
    {
        var json = new JObject
        {
            { "task_id", TaskId }, { "prompt", Prompt }, { "output", Output },
            { "expected", Expected is null ? JNull.Instance : Expected }, { "score", Score }, { "passed", Passed },
        };
        if (FinishReason is not null) json.Add("finish_reason", FinishReason);
        if (OutputTokens is { } tokens) json.Add("output_tokens", tokens);
        if (LatencyMs is { } latency) json.Add("latency_ms", latency);
        return json;
    }

    internal static TaskResult Read(StrictObject o, bool extensions)
    {
        var result = new TaskResult(o.String("task_id"), o.String("prompt"), o.String("output"), o.NullableString("expected"),
            o.Float("score"), o.Bool("passed"));
        if (extensions)
        {
            result = result with
            {
                FinishReason = o.Has("finish_reason") ? o.OneOf("finish_reason", FinishReasons) : o.OptionalString("finish_reason"),
                OutputTokens = o.OptionalInt("output_tokens"),
                LatencyMs = o.OptionalFloat("latency_ms"),
            };
        }
        o.RejectUnknown(extensions ? null : ExtensionPolicy.NotInVerievalsSchema);
        return result;
    }
}
