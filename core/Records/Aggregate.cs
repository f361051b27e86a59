using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>
/// Aggregate metrics; <see cref="Passed"/> is a float count, as in verievals. verievals' metrics are a free
/// <c>dict[str, float]</c>, so metrics beyond accuracy and passed (e.g. <c>f1</c>) are kept, in order, in
/// <see cref="OtherMetrics"/>: they are signed data like the rest.
/// </summary>
public sealed record Aggregate(string Scorer, long NumTasks, double Accuracy, double Passed)
{
    public IReadOnlyList<KeyValuePair<string, double>> OtherMetrics { get; init; } = [];

    /// <summary>The aggregate that the results imply: what an honest runner writes.</summary>
    public static Aggregate Of(string scorer, IReadOnlyList<TaskResult> results)
    {
        var passed = results.Count(r => r.Passed);
        return new Aggregate(scorer, results.Count, results.Count == 0 ? 0.0 : (double)passed / results.Count, passed);
    }

    public JObject ToJson()
    {
        var metrics = new JObject { { "accuracy", Accuracy }, { "passed", Passed } };
        foreach (var (name, value) in OtherMetrics) metrics.Add(name, value);
        return new JObject { { "scorer", Scorer }, { "num_tasks", NumTasks }, { "metrics", metrics } };
    }

    internal static Aggregate Read(StrictObject o)
    {
        var metrics = o.Child("metrics");
        var result = new Aggregate(o.String("scorer"), o.Int("num_tasks"), metrics.Float("accuracy"), metrics.Float("passed"));
        var others = new List<KeyValuePair<string, double>>();
        foreach (var member in metrics.Raw.Members)
            if (member.Key is not ("accuracy" or "passed")) others.Add(KeyValuePair.Create(member.Key, metrics.Float(member.Key)));
        metrics.RejectUnknown();
        o.RejectUnknown();
        return others.Count == 0 ? result : result with { OtherMetrics = others };
    }
}
