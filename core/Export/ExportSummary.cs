using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export;

/// <summary>
/// What an export did: records and results read, examples written per benchmark, and what was left out and why.
/// Holds one entry per excluded record or example (the manifest lists them), nothing per exported example.
/// </summary>
public sealed class ExportSummary(ExportFormat format)
{
    public ExportFormat Format { get; } = format;
    public long Records { get; set; }
    public long Results { get; set; }
    public long Examples { get; set; }
    public SortedDictionary<string, long> PerBenchmark { get; } = new(StringComparer.Ordinal);
    public List<(string RecordId, TrustTier Tier)> BelowTier { get; } = [];
    public long OtherBenchmark { get; set; }
    public long EmptyTexts { get; set; }
    public List<ContaminatedExample> Contaminated { get; } = [];

    /// <summary>DPO: tasks with passed outputs but no failed one, or the reverse (nothing to pair).</summary>
    public long UnpairedTasks { get; set; }

    public JObject ToJson() => new()
    {
        { "format", ExportFormats.Name(Format) },
        { "records_read", Records },
        { "results_read", Results },
        { "examples", Examples },
        { "per_benchmark", new JObject(PerBenchmark.Select(p => new KeyValuePair<string, JValue>(p.Key, p.Value))) },
        { "excluded", ExclusionsJson() },
    };

    public JObject ExclusionsJson()
    {
        var json = new JObject
        {
            { "below_tier", new JArray(BelowTier.Select(b => (JValue)new JObject { { "record_id", b.RecordId }, { "tier", TrustTiers.Name(b.Tier) } }).ToList()) },
            { "contaminated", new JArray(Contaminated.Select(c => (JValue)c.ToJson()).ToList()) },
            { "other_benchmark_records", OtherBenchmark },
            { "empty_text_results", EmptyTexts },
        };
        if (Format == ExportFormat.Dpo) json.Add("unpaired_tasks", UnpairedTasks);
        return json;
    }
}
