using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>What an `.eval_results` export wrote and what it left out, and why.</summary>
public sealed class HfEvalResultsSummary
{
    public long Records { get; set; }
    public List<(string RecordId, TrustTier Tier)> BelowTier { get; } = [];
    public long OtherBenchmark { get; set; }
    public long OtherModel { get; set; }

    /// <summary>Records over part of their task (a cut samples file): their accuracy is no score on the benchmark.</summary>
    public List<(string RecordId, string Coverage)> Partial { get; } = [];

    /// <summary>Records of a dataset task that another record of the same model already fills (higher tier, then newer).</summary>
    public List<(string RecordId, string KeptRecordId)> Superseded { get; } = [];

    /// <summary>Benchmarks that named no Hub dataset: their id stands in as `dataset.id` (map them with `--dataset`).</summary>
    public SortedSet<string> Unmapped { get; } = new(StringComparer.Ordinal);

    public string? ModelName { get; set; }

    /// <summary>File name (under `.eval_results/`) to its entries, in write order.</summary>
    public SortedDictionary<string, IReadOnlyList<HfEvalResult>> Files { get; } = new(StringComparer.Ordinal);

    public int Entries => Files.Values.Sum(f => f.Count);

    public JObject ToJson() => new()
    {
        { "format", HfEvalResultsExporter.FormatName },
        { "model", ModelName is null ? JNull.Instance : ModelName },
        { "records_read", Records },
        { "entries", Entries },
        { "files", new JArray(Files.Select(f => (JValue)new JObject
            {
                { "path", $"{HfEvalResultsExporter.Folder}/{f.Key}" },
                { "entries", new JArray(f.Value.Select(e => (JValue)new JObject
                    {
                        { "dataset_id", e.Dataset.DatasetId }, { "task_id", e.Dataset.TaskId }, { "value", e.Value },
                        { "record_id", e.RecordId }, { "tier", TrustTiers.Name(e.Tier) },
                        { "source_url", e.SourceUrl is null ? JNull.Instance : e.SourceUrl },
                    }).ToList()) },
            }).ToList()) },
        { "excluded", new JObject
            {
                { "below_tier", new JArray(BelowTier.Select(b => (JValue)new JObject { { "record_id", b.RecordId }, { "tier", TrustTiers.Name(b.Tier) } }).ToList()) },
                { "other_benchmark_records", OtherBenchmark },
                { "other_model_records", OtherModel },
                { "partial", new JArray(Partial.Select(p => (JValue)new JObject { { "record_id", p.RecordId }, { "coverage", p.Coverage } }).ToList()) },
                { "superseded", new JArray(Superseded.Select(s => (JValue)new JObject { { "record_id", s.RecordId }, { "kept", s.KeptRecordId } }).ToList()) },
            } },
        { "unmapped_benchmarks", new JArray(Unmapped.Select(u => (JValue)u).ToList()) },
    };
}
