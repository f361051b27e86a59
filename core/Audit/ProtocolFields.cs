using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Audit;

/// <summary>The settings that can change a score, flattened to field → value so that two runs can be diffed.</summary>
public static class ProtocolFields
{
    /// <summary>Names under which runners record the generation limit; the first present one is the limit.</summary>
    public static readonly string[] TokenLimitKeys = ["max_tokens", "max_completion_tokens", "max_output_tokens", "num_predict", "max_new_tokens", "max_gen_toks"];

    // Containers whose members are settings; their name is dropped so "config.max_new_tokens" and "args.max_new_tokens" compare.
    private static readonly HashSet<string> SettingContainers = new(StringComparer.Ordinal)
        { "config", "args", "params", "generation_config", "generation_kwargs", "gen_kwargs", "sampling_params", "settings", "meta", "metadata" };

    // Run bookkeeping that differs between any two runs and says nothing about the protocol.
    private static readonly string[] NoiseParts = ["elapsed", "time", "duration", "date", "created", "path", "dir", "host", "resumed"];
    private static readonly HashSet<string> NoiseKeys = new(StringComparer.Ordinal) { "input", "out", "output", "n_total", "pid", "user", "results" };

    public static SortedDictionary<string, JValue> FromRecord(RecordBody body)
    {
        var fields = NewMap();
        fields["benchmark.id"] = body.Benchmark.Id;
        fields["benchmark.version"] = body.Benchmark.Version;
        fields["benchmark.content_hash"] = body.Benchmark.ContentHash;
        fields["model.provider"] = body.Model.Provider;
        fields["model.name"] = body.Model.Name;
        fields["model.version"] = body.Model.Version;
        if (body.Model.Snapshot is { } snapshot) fields["model.snapshot"] = snapshot;
        // Per-item facts and source file digests of imported records are bookkeeping: every run differs in them.
        var settings = new JObject(body.Model.Params.Where(p => !Import.ItemFacts.BookkeepingParams.Contains(p.Key)));
        Flatten(settings, "model.params", fields, dropContainers: false);
        fields["runner.seed"] = body.Runner.Seed;
        fields["runner.sample_limit"] = body.Runner.SampleLimit is { } limit ? limit : JNull.Instance;
        fields["scorer"] = body.Aggregate.Scorer;
        fields["verievals_version"] = body.VerievalsVersion;
        return fields;
    }

    /// <summary>The settings found in a results file: top-level scalars and config-like objects, minus bookkeeping.</summary>
    public static SortedDictionary<string, JValue> FromResultsFile(JObject root)
    {
        var fields = NewMap();
        Flatten(root, "", fields, dropContainers: true);
        return fields;
    }

    public static long? TokenLimit(IReadOnlyDictionary<string, JValue> protocol)
    {
        foreach (var key in TokenLimitKeys)
            foreach (var (field, value) in protocol)
                if (Leaf(field) == key && AsLong(value) is { } limit) return limit;
        return null;
    }

    public static bool IsTokenLimit(string field) => TokenLimitKeys.Contains(Leaf(field));

    /// <summary>Fields naming the model itself: expected to differ when two models are compared, so not a protocol difference.</summary>
    public static bool IsModelIdentity(string field) =>
        (field.StartsWith("model.", StringComparison.Ordinal) && !field.StartsWith("model.params.", StringComparison.Ordinal))
        || field is "model" or "model_name" or "model_id" or "model_path" or "revision" or "snapshot";

    public static string Leaf(string field) => field[(field.LastIndexOf('.') + 1)..];

    /// <summary>Every field whose value differs (absent = null): token limits first, then other settings, then the model's identity.</summary>
    public static List<ProtocolDifference> Diff(IReadOnlyDictionary<string, JValue> a, IReadOnlyDictionary<string, JValue> b) =>
        a.Keys.Union(b.Keys)
            .Select(field => new ProtocolDifference(field, a.GetValueOrDefault(field) ?? JNull.Instance, b.GetValueOrDefault(field) ?? JNull.Instance))
            .Where(d => !d.A.Equals(d.B))
            .OrderBy(d => IsTokenLimit(d.Field) ? 0 : IsModelIdentity(d.Field) ? 2 : 1)
            .ThenBy(d => d.Field, StringComparer.Ordinal)
            .ToList();

    private static void Flatten(JObject o, string prefix, SortedDictionary<string, JValue> into, bool dropContainers)
    {
        foreach (var (key, value) in o)
        {
            if (dropContainers && IsNoise(key)) continue;
            var field = prefix.Length == 0 ? key : $"{prefix}.{key}";
            switch (value)
            {
                case JObject child when dropContainers && SettingContainers.Contains(key):
                    Flatten(child, prefix, into, dropContainers);
                    break;
                case JObject child when !dropContainers || prefix.Length == 0:
                    Flatten(child, field, into, dropContainers);
                    break;
                case JObject or JArray when dropContainers:
                    break; // per-item data and nested structures are not settings
                default:
                    into.TryAdd(field, value); // the first occurrence wins when two containers name the same setting
                    break;
            }
        }
    }

    private static bool IsNoise(string key) =>
        NoiseKeys.Contains(key) || NoiseParts.Any(part => key.Contains(part, StringComparison.OrdinalIgnoreCase));

    private static long? AsLong(JValue value) => value switch
    {
        JInteger i when i.Value >= 0 && i.Value <= long.MaxValue => (long)i.Value,
        JFloat f when f.Value >= 0 && f.Value == Math.Floor(f.Value) && f.Value < 9e18 => (long)f.Value,
        _ => null,
    };

    private static SortedDictionary<string, JValue> NewMap() => new(StringComparer.Ordinal);
}
