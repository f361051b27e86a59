using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// `ledger bench --scale`: one <see cref="ScalePoint"/> per size, and the ratios of the largest size's memory and activation
/// figures to the smallest's, against the targets (at most 1.2: memory and activation must not grow with the log).
/// </summary>
public sealed record ScaleReport(IReadOnlyList<ScalePoint> Points)
{
    public const double TargetRatio = 1.2;
    public const double TargetOverheadBytes = 100;

    private ScalePoint First => Points[0];
    private ScalePoint Last => Points[^1];

    public double WorkingSetAfterIngestRatio => Ratio(p => p.WorkingSetAfterIngest);
    public double WorkingSetAfterRestartRatio => Ratio(p => p.WorkingSetAfterRestart);
    public double HeapAfterIngestRatio => Ratio(p => p.HeapAfterIngest);
    public double HeapAfterRestartRatio => Ratio(p => p.HeapAfterRestart);
    public double ActivationRatio => Ratio(p => p.ActivationSeconds);
    public double RestartRatio => Ratio(p => p.RestartSeconds);

    public bool Passed => Points.All(p => p.Accepted == p.Records);

    private double Ratio(Func<ScalePoint, double> figure) => figure(First) <= 0 ? 0 : figure(Last) / figure(First);

    public IEnumerable<string> Lines()
    {
        foreach (var point in Points) yield return point.Line();
        if (Points.Count < 2) yield break;
        yield return $"scale ratios {Last.Records:N0}/{First.Records:N0} (target <= {TargetRatio}): working set after ingest {WorkingSetAfterIngestRatio:0.00}, " +
            $"after restart {WorkingSetAfterRestartRatio:0.00}; live heap after ingest {HeapAfterIngestRatio:0.00}, after restart {HeapAfterRestartRatio:0.00}; " +
            $"shard activation {ActivationRatio:0.00} (restart to answering {RestartRatio:0.00})";
    }

    public JObject ToJson()
    {
        var points = new JArray(Points.Select(p => (JValue)p.ToJson()).ToArray());
        var json = new JObject { { "points", points }, { "passed", Passed } };
        if (Points.Count >= 2)
        {
            json.Add("ratios", new JObject
            {
                { "working_set_after_ingest", Math.Round(WorkingSetAfterIngestRatio, 3) }, { "working_set_after_restart", Math.Round(WorkingSetAfterRestartRatio, 3) },
                { "heap_after_ingest", Math.Round(HeapAfterIngestRatio, 3) }, { "heap_after_restart", Math.Round(HeapAfterRestartRatio, 3) },
                { "activation", Math.Round(ActivationRatio, 3) }, { "restart", Math.Round(RestartRatio, 3) }, { "target", TargetRatio },
            });
        }
        return json;
    }
}
