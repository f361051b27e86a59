using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>The hashed and signed part of a run record.</summary>
public sealed record RecordBody(
    string SchemaVersion,
    string VerievalsVersion,
    BenchmarkRef Benchmark,
    ModelInfo Model,
    RunnerConfig Runner,
    IReadOnlyList<TaskResult> Results,
    Aggregate Aggregate)
{
    /// <summary>
    /// A body for these results with the schema the runner must write: the verievals schema when nothing needs
    /// an extension field (so the Python original and we produce the same id), ours otherwise.
    /// </summary>
    public static RecordBody Create(BenchmarkRef benchmark, ModelInfo model, RunnerConfig runner, IReadOnlyList<TaskResult> results, string scorer)
    {
        var extended = model.HasExtensions || results.Any(r => r.HasExtensions);
        return new RecordBody(extended ? SchemaVersions.LedgerCluster : SchemaVersions.Verievals, SchemaVersions.VerievalsRelease,
            benchmark, model, runner, results, Aggregate.Of(scorer, results));
    }

    public bool AllowsExtensions => SchemaVersion == SchemaVersions.LedgerCluster;

    public JObject ToJson() => new()
    {
        { "schema_version", SchemaVersion },
        { "verievals_version", VerievalsVersion },
        { "benchmark", Benchmark.ToJson() },
        { "model", Model.ToJson() },
        { "runner", Runner.ToJson() },
        { "results", new JArray(Results.Select(r => (JValue)r.ToJson()).ToList()) },
        { "aggregate", Aggregate.ToJson() },
    };

    /// <summary>The record id: SHA-256 of the canonical JSON of the body.</summary>
    public string ContentHash() => CanonicalJson.Hash(ToJson());

    /// <summary>
    /// Strictly reads a body: exact types and no unknown fields. An aggregate the results do not give is not a schema
    /// error: such a record is kept, and <see cref="Contradiction"/> names what it claims against what it shows.
    /// </summary>
    public static RecordBody Read(JValue? json, string path = "body")
    {
        var o = new StrictObject(json, path);
        var schema = o.OneOf("schema_version", SchemaVersions.Verievals, SchemaVersions.LedgerCluster);
        var extensions = schema == SchemaVersions.LedgerCluster;
        var body = new RecordBody(
            schema,
            o.String("verievals_version"),
            BenchmarkRef.Read(o.Child("benchmark")),
            ModelInfo.Read(o.Child("model"), extensions),
            RunnerConfig.Read(o.Child("runner")),
            ReadResults(o, extensions),
            Aggregate.Read(o.Child("aggregate")));
        o.RejectUnknown();
        body.CheckScores(path);
        return body;
    }

    private static List<TaskResult> ReadResults(StrictObject o, bool extensions)
    {
        var array = o.Array("results");
        var results = new List<TaskResult>(array.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{o.At("results")}[{i}]";
            var result = TaskResult.Read(new StrictObject(array[i], path), extensions);
            if (!ids.Add(result.TaskId)) throw new RecordSchemaException($"{path}.task_id", $"duplicate task id \"{result.TaskId}\"");
            results.Add(result);
        }
        return results;
    }

    // Scores are the grader's verdict: verievals' SDK records `score` and `passed` verbatim (score=0.5, passed=True is
    // legitimate), so only a score that canonical JSON cannot carry is refused.
    private void CheckScores(string path)
    {
        for (var i = 0; i < Results.Count; i++)
            if (!double.IsFinite(Results[i].Score)) throw new RecordSchemaException($"{path}.results[{i}].score", "must be a finite float");
    }

    /// <summary>
    /// What the aggregate claims that its own results do not give, e.g. "aggregate accuracy 0.9 but results give 0.5";
    /// null when the headline numbers follow from the results (as every verievals runner or SDK record does).
    /// A signer could otherwise sign a headline accuracy its results do not support; such a record ranks as self-reported.
    /// </summary>
    public string? Contradiction()
    {
        var implied = Aggregate.Of(Aggregate.Scorer, Results);
        if (Aggregate.NumTasks != implied.NumTasks)
            return $"aggregate num_tasks {Aggregate.NumTasks} but there are {implied.NumTasks} results";
        if (!Aggregate.Passed.Equals(implied.Passed))
            return $"aggregate passed {PythonFloat.Format(Aggregate.Passed)} but {implied.Passed:0} results passed";
        if (!Aggregate.Accuracy.Equals(implied.Accuracy))
            return $"aggregate accuracy {PythonFloat.Format(Aggregate.Accuracy)} but results give {PythonFloat.Format(implied.Accuracy)}";
        return null;
    }
}
