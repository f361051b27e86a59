using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Import;

/// <summary>
/// Turns imported items into the benchmark of their tasks and a signed record on it, exactly as `ledger run` and the
/// recorder do: the benchmark content hash over (id, prompt, expected) in item order, the body via
/// <see cref="RecordBody.Create"/> (aggregate from the results), the id and signature via <see cref="RunRecord.Create"/>.
/// </summary>
public static class ImportedRecordAssembler
{
    /// <summary>
    /// The scorer named in the written benchmark.yaml. The imported scores are the harness's, not re-graded here; the
    /// benchmark still needs a scorer the registry knows (so `ledger benchmark register` accepts it), and exact match
    /// is what a fresh `ledger run` on these items would use. The record's aggregate.scorer names the harness metric.
    /// </summary>
    public const string BenchmarkScorer = "exact_match";

    public static (Benchmark Benchmark, RunRecord Record) Assemble(string benchmarkId, string benchmarkVersion, string description,
        ModelInfo model, RunnerConfig runner, IReadOnlyList<TaskResult> results, string scorer, Ed25519KeyPair key,
        DateTimeOffset? createdAt, string? signer, IReadOnlyList<JObject>? taskMetadata = null)
    {
        var benchmark = new Benchmark(benchmarkId, benchmarkVersion, BenchmarkScorer, description,
            results.Select((r, i) => new BenchmarkTask(r.TaskId, r.Prompt, r.Expected, taskMetadata?[i] ?? new JObject())));
        var body = RecordBody.Create(benchmark.ToRef(), model, runner, results, scorer);
        return (benchmark, RunRecord.Create(body, key, signer, createdAt));
    }

    /// <summary>A benchmark id from a source task name: letters, digits, '.', '_' and '-' kept, anything else '-' (ids name folders and URL segments).</summary>
    public static string BenchmarkId(string harness, string task)
    {
        var chars = $"{harness}-{task}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray();
        return new string(chars);
    }

    /// <summary>The version of a benchmark made from a partial source file says so, so it is never taken for the full task.</summary>
    public static string Version(string sourceVersion, int recorded, long? inTask) =>
        inTask is { } total && recorded < total ? $"{sourceVersion}-partial-{recorded}of{total}" : sourceVersion;

    /// <summary>The <c>items</c> entry of model.params: how many items the record holds of how many the task has.</summary>
    public static JObject ItemsParam(int recorded, long? inTask) => new()
    {
        { "recorded", recorded }, { "in_task", inTask is { } t ? t : JNull.Instance }, { "partial", inTask is { } total && recorded < total },
    };

    public static double? Number(JValue? value) => value switch
    {
        JFloat f => f.Value,
        JInteger i => (double)i.Value,
        JBool b => b.Value ? 1.0 : 0.0,
        _ => null,
    };

    public static string? Text(JValue? value) => value is JString s ? s.Value : null;

    /// <summary>Python <c>str()</c> of a JSON scalar, as harnesses print versions (3.0 stays "3.0").</summary>
    public static string PythonStr(JValue? value) => value switch
    {
        null or JNull => "unknown",
        JString s => s.Value,
        JFloat f => PythonFloat.Format(f.Value),
        JInteger i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => CanonicalJson.Serialize(value),
    };
}
