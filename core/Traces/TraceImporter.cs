using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Traces;

/// <summary>
/// Turns trace attempts into signed run records. The prompts become a synthetic benchmark (task id = `task-` + the first
/// 16 hex digits of SHA-256 of the prompt, tasks sorted by id, so the same prompts give the same content hash whatever
/// the file order); each attempt becomes a record with one result on that benchmark (score 1.0 when the trace says it
/// passed, else 0.0). Same prompt = same benchmark task, so a failed attempt and a passing one pair up for DPO and
/// the passing one is an SFT example. Attempts with identical bodies are one record.
/// </summary>
public static class TraceImporter
{
    /// <summary>The outcome was judged by the trace pipeline (tests, build, constraints), not by one of our scorers.</summary>
    public const string Scorer = "trace_outcome";

    public static string TaskId(string prompt) => "task-" + ContentHash.Sha256Hex(prompt)[..16];

    public static TraceImport Import(IReadOnlyList<TraceAttempt> attempts, Ed25519KeyPair key, string benchmarkId = "traces", string? signer = null)
    {
        if (attempts.Count == 0) throw new TraceFormatException("no trace attempts to import");
        var tasks = attempts.Select(a => a.Prompt).Distinct(StringComparer.Ordinal)
            .Select(p => new BenchmarkTask(TaskId(p), p)).OrderBy(t => t.Id, StringComparer.Ordinal);
        var benchmark = new Benchmark(benchmarkId, "1", Scorer, "Prompts of imported trace-pipeline attempts", tasks);
        var reference = benchmark.ToRef();
        var records = new List<RunRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attempt in attempts)
        {
            var result = new TaskResult(TaskId(attempt.Prompt), attempt.Prompt, attempt.Output, null, attempt.Passed ? 1.0 : 0.0, attempt.Passed);
            var body = RecordBody.Create(reference, new ModelInfo(attempt.Provider, attempt.Model, "unknown", attempt.Params), new RunnerConfig(0, null), [result], Scorer);
            var record = RunRecord.Create(body, key, signer, attempt.CreatedAt);
            if (seen.Add(record.Id)) records.Add(record);
        }
        return new TraceImport(benchmark, records, attempts.Count);
    }
}
