using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A gateway's `GET /openapi.json`, held against real answers: each answer's status and media type must be declared for
/// its path and method, and a JSON body (each line of an NDJSON one) must validate against the declared schema with
/// JsonSchema.Net (JSON Schema 2020-12, which OpenAPI 3.1 schemas are). Object schemas are closed for the check
/// (`unevaluatedProperties: false`): a field the document does not declare fails, as a missing required one does.
/// </summary>
public sealed class OpenApiContract(JsonNode document)
{
    private readonly HashSet<(string Method, string Path, int Status)> _answered = [];
    private readonly JsonObject _definitions = Closed(document["components"]?["schemas"]?.DeepClone() as JsonObject ?? []);
    private int _schemas;

    public JsonObject Paths => document["paths"]!.AsObject();

    public void Check(HttpMethod method, string path, HttpStatusCode status, string? mediaType, string body)
    {
        var where = $"{method} {path} {(int)status}";
        var operation = Paths[path]?[method.Method.ToLowerInvariant()] ?? throw new Xunit.Sdk.XunitException($"{method} {path} is not in the OpenAPI document");
        var response = operation["responses"]?[((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? throw new Xunit.Sdk.XunitException($"{where}: this status is not declared in the OpenAPI document; body: {Clip(body)}");
        var declared = response["content"]?.AsObject() ?? [];
        var media = declared.FirstOrDefault(c => string.Equals(c.Key, mediaType, StringComparison.OrdinalIgnoreCase));
        Assert.True(media.Value is not null, $"{where}: answered {mediaType}; the document declares {string.Join(", ", declared.Select(c => c.Key))}");
        _answered.Add((method.Method, path, (int)status));
        var schema = media.Value!["schema"];
        if (schema is null || mediaType is not ("application/json" or "application/x-ndjson")) return;
        var lines = mediaType == "application/json" ? [body] : body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var validator = Validator(schema);
        foreach (var line in lines)
        {
            using var instance = JsonDocument.Parse(line);
            var result = validator.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{where}: the body does not match the declared schema:\n  {string.Join("\n  ", Errors(result))}\nbody: {Clip(line)}");
        }
    }

    /// <summary>Every operation of the document was answered at least once with a success and, where it declares one besides 503, a refusal.</summary>
    public void AssertEveryOperationExercised()
    {
        foreach (var (path, item) in Paths)
            foreach (var (method, operation) in item!.AsObject())
            {
                var statuses = operation!["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var answered = _answered.Where(a => a.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && a.Path == path).Select(a => a.Status).ToList();
                Assert.True(answered.Any(s => s < 300), $"{method.ToUpperInvariant()} {path}: no success answer was checked");
                if (statuses.Any(s => s >= 400 && s != 503))
                    Assert.True(answered.Any(s => s >= 400), $"{method.ToUpperInvariant()} {path}: no refusal was checked (declared: {string.Join(", ", statuses)})");
            }
    }

    private JsonSchema Validator(JsonNode schema)
    {
        // The component references become local $defs, so the schema stands alone.
        var standalone = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = _definitions.DeepClone() };
        foreach (var (key, value) in schema.AsObject()) standalone[key] = value?.DeepClone();
        var text = standalone.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, baseUri: new Uri($"https://contract.test/schema/{++_schemas}"));
    }

    private static JsonObject Closed(JsonObject definitions)
    {
        foreach (var (_, definition) in definitions)
            if (definition is JsonObject { } d && d.ContainsKey("properties")) d["unevaluatedProperties"] = false;
        return definitions;
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"));

    private static string Clip(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
