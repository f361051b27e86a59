using LedgerCluster.Core.Contamination;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export;

/// <summary>What to export: the format, the lowest tier let through, an optional benchmark, and held-out benchmarks to keep out.</summary>
public sealed record ExportOptions
{
    public ExportFormat Format { get; init; } = ExportFormat.Sft;

    public TrustTier MinTier { get; init; } = TrustTier.Verified;

    /// <summary>Only records of this benchmark: its id, `id@version`, or its content hash.</summary>
    public string? Benchmark { get; init; }

    public IReadOnlyList<HeldOutSet> HeldOut { get; init; } = [];

    /// <summary>Where DPO spills candidate outputs (a temporary file is created in it and deleted).</summary>
    public string? SpillDirectory { get; init; }

    public bool Selects(Records.BenchmarkRef benchmark) =>
        Benchmark is null || Benchmark == benchmark.Id || Benchmark == $"{benchmark.Id}@{benchmark.Version}" || Benchmark == benchmark.ContentHash;
}
