using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>What to publish and how: lowest tier, benchmark and model filters, the record page base, the value scale, the dataset map.</summary>
public sealed record HfEvalResultsOptions
{
    public TrustTier MinTier { get; init; } = TrustTier.Verified;

    /// <summary>Only records of this benchmark: its id, `id@version`, or its content hash.</summary>
    public string? Benchmark { get; init; }

    /// <summary>Only records of this model (`model.name`); required when the records hold several, since a `.eval_results` folder belongs to one model repo.</summary>
    public string? Model { get; init; }

    /// <summary>The base of the record pages (`{base}/records/{id}` is `source.url`); null leaves `source` out.</summary>
    public string? RecordPageBase { get; init; }

    public HfValueScale Scale { get; init; } = HfValueScale.Percent;

    public HfDatasetMapping Datasets { get; init; } = new();

    public bool Selects(BenchmarkRef benchmark) =>
        Benchmark is null || Benchmark == benchmark.Id || Benchmark == $"{benchmark.Id}@{benchmark.Version}" || Benchmark == benchmark.ContentHash;

    public string? RecordPage(string recordId) => RecordPageBase is null ? null : $"{RecordPageBase.TrimEnd('/')}/records/{recordId}";
}
