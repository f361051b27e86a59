namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>
/// How `value` is written. The hub spec fixes no unit (the benchmark's eval.yaml implies it): its full examples and
/// the real files use percent (`20.90`, `80.0`), its minimal example a fraction (`0.412`).
/// </summary>
public enum HfValueScale
{
    /// <summary>Accuracy x 100, two decimals (the spec's main example and the real files).</summary>
    Percent,

    /// <summary>Accuracy in [0, 1], four decimals.</summary>
    Fraction,
}
