namespace LedgerCluster.Core.Runner;

/// <summary>How to run a benchmark. Seed and limit are recorded in the body's `runner` section.</summary>
public sealed record RunOptions
{
    public long Seed { get; init; }

    /// <summary>Run only the first N tasks (recorded as `sample_limit`).</summary>
    public long? Limit { get; init; }

    /// <summary>Overrides the benchmark's scorer (the id is pinned in the record).</summary>
    public string? Scorer { get; init; }

    /// <summary>Requests in flight at once for models that are not deterministic local ones.</summary>
    public int Concurrency { get; init; } = 4;
}
