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

    /// <summary>Strictly reads a body: exact types, no unknown fields, and an aggregate that matches the results.</summary>
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
        body.CheckConsistency(path);
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

    // A signer could otherwise sign a headline accuracy that its own results do not support.
    private void CheckConsistency(string path)
    {
        for (var i = 0; i < Results.Count; i++)
        {
            var r = Results[i];
            if (!double.IsFinite(r.Score)) throw new RecordSchemaException($"{path}.results[{i}].score", "must be a finite float");
            if (r.Passed != r.Score >= 1.0)
                throw new RecordSchemaException($"{path}.results[{i}].passed", $"{(r.Passed ? "true" : "false")} contradicts score {PythonFloat.Format(r.Score)} (passed means score >= 1.0)");
        }
        var implied = Aggregate.Of(Aggregate.Scorer, Results);
        if (Aggregate.NumTasks != implied.NumTasks)
            throw new RecordSchemaException($"{path}.aggregate.num_tasks", $"{Aggregate.NumTasks} but there are {implied.NumTasks} results");
        if (!Aggregate.Passed.Equals(implied.Passed))
            throw new RecordSchemaException($"{path}.aggregate.metrics.passed", $"{PythonFloat.Format(Aggregate.Passed)} but {implied.Passed} results passed");
        if (!Aggregate.Accuracy.Equals(implied.Accuracy))
            throw new RecordSchemaException($"{path}.aggregate.metrics.accuracy", $"{PythonFloat.Format(Aggregate.Accuracy)} but the results give {PythonFloat.Format(implied.Accuracy)}");
    }
}
