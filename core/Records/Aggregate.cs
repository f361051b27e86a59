using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>Aggregate metrics; <see cref="Passed"/> is a float count, as in verievals.</summary>
public sealed record Aggregate(string Scorer, long NumTasks, double Accuracy, double Passed)
{
    /// <summary>The aggregate that the results imply: what an honest runner writes.</summary>
    public static Aggregate Of(string scorer, IReadOnlyList<TaskResult> results)
    {
        var passed = results.Count(r => r.Passed);
        return new Aggregate(scorer, results.Count, results.Count == 0 ? 0.0 : (double)passed / results.Count, passed);
    }

    public JObject ToJson() => new()
    {
        { "scorer", Scorer }, { "num_tasks", NumTasks },
        { "metrics", new JObject { { "accuracy", Accuracy }, { "passed", Passed } } },
    };

    internal static Aggregate Read(StrictObject o)
    {
        var metrics = o.Child("metrics");
        var result = new Aggregate(o.String("scorer"), o.Int("num_tasks"), metrics.Float("accuracy"), metrics.Float("passed"));
        metrics.RejectUnknown();
        o.RejectUnknown();
        return result;
    }
}
