using System.Text.Json;
using Json.Schema;

namespace LedgerCluster.Core.Tests.Export;

/// <summary>
/// The bundled Every Eval Ever v0.3.0 schemas (../shared/harness-data/eee/eval.schema.json and
/// instance_level_eval.schema.json), loaded as they are and evaluated with JsonSchema.Net.
/// </summary>
public static class EeeSchemas
{
    private static readonly Lazy<JsonSchema> AggregateSchema = new(() => Load("eval.schema.json"));
    private static readonly Lazy<JsonSchema> InstanceSchema = new(() => Load("instance_level_eval.schema.json"));

    /// <summary>The schema's errors for an aggregate document; empty when it validates.</summary>
    public static IReadOnlyList<string> AggregateErrors(string json) => Errors(AggregateSchema.Value, json);

    /// <summary>The schema's errors for one sidecar line; empty when it validates.</summary>
    public static IReadOnlyList<string> InstanceErrors(string line) => Errors(InstanceSchema.Value, line);

    private static JsonSchema Load(string name) =>
        JsonSchema.FromText(File.ReadAllText(SharedData.Path("harness-data", "eee", name)), baseUri: new Uri($"https://eee.test/{name}"));

    private static List<string> Errors(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")).ToList();
    }
}
