namespace LedgerCluster.Core.Import;

/// <summary>
/// A headline number the source reports for an imported task, next to what the imported per-item results give
/// (null when the metric has no per-item score, e.g. a corpus F1).
/// </summary>
public sealed record SourceAggregate(string Metric, double SourceValue, double? ItemValue)
{
    public bool Agrees => ItemValue is { } item && Math.Abs(item - SourceValue) <= 1e-9;
}
