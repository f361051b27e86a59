using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Scoring;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// A benchmark as one JSON document (what `POST /v1/benchmarks` takes and `GET` returns):
/// `{id, version, scorer, description?, tasks: [{id, prompt, expected?, metadata?}]}`.
/// </summary>
public static class BenchmarkJson
{
    public static JObject Write(Benchmark benchmark)
    {
        var json = benchmark.ToHashJson();
        if (benchmark.Description is not null) json.Add("description", benchmark.Description);
        return json;
    }

    /// <summary>Strictly reads a benchmark; throws <see cref="RecordSchemaException"/> naming the field.</summary>
    public static Benchmark Read(JValue json)
    {
        var o = new StrictObject(json, "");
        var scorer = o.String("scorer");
        if (!Scorers.IsKnown(scorer)) throw new RecordSchemaException("scorer", $"unknown scorer \"{scorer}\" (known: {string.Join(", ", Scorers.KnownIds)})");
        var (id, version, description) = (o.String("id"), o.String("version"), o.OptionalString("description"));
        var array = o.Array("tasks");
        var tasks = new List<BenchmarkTask>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var t = new StrictObject(array[i], $"tasks[{i}]");
            tasks.Add(new BenchmarkTask(t.String("id"), t.String("prompt"), t.Has("expected") ? t.NullableString("expected") : null,
                t.Has("metadata") ? t.Object("metadata") : new JObject()));
            t.RejectUnknown();
        }
        o.RejectUnknown();
        try { return new Benchmark(id, version, scorer, description, tasks); }
        catch (ArgumentException e) { throw new RecordSchemaException("tasks", e.Message.Split(" (Parameter")[0]); }
    }
}
