using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Models;

/// <summary>Reads fields out of an API response, failing with the provider, URL and the missing path.</summary>
internal sealed class ResponseReader(string provider, Uri url, JObject body)
{
    public JObject Body { get; } = body;

    /// <summary>The value at a path of object keys (string) and array indexes (int), or null when any step is missing.</summary>
    public JValue? At(params object[] path)
    {
        JValue? current = Body;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (JObject o, string key) => o[key],
                (JArray a, int index) when index < a.Count => a[index],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    public string? OptionalString(params object[] path) => At(path) is JString s ? s.Value : null;

    public long? OptionalInt(params object[] path) =>
        At(path) is JInteger { Value: var v } && v >= long.MinValue && v <= long.MaxValue ? (long)v : null;

    public ModelException Missing(string what) =>
        new($"{provider}: POST {url} returned a response without {what}: {ModelHttp.Excerpt(CanonicalJson.Serialize(Body))}");
}
