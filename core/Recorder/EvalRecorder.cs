using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Scoring;

namespace LedgerCluster.Core.Recorder;

/// <summary>
/// For people with their own eval loop: log each item, then <see cref="Finish"/> signs the same record the
/// runner would have produced for the same data. Use <see cref="RecordAsync"/> so that an exception in the
/// loop leaves no record at all.
/// </summary>
public sealed class EvalRecorder
{
    private readonly Benchmark? _benchmark;
    private readonly string _benchmarkId;
    private readonly string _benchmarkVersion;
    private readonly IScorer _scorer;
    private readonly List<TaskResult> _results = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private RunRecord? _record;

    /// <summary>Records against a known benchmark: its real content hash is pinned, as the runner does.</summary>
    public EvalRecorder(Benchmark benchmark, ModelInfo model, long seed = 0, long? sampleLimit = null, string? scorer = null)
        : this(benchmark.Id, benchmark.Version, model, scorer ?? benchmark.Scorer, seed, sampleLimit) => _benchmark = benchmark;

    /// <summary>Records an ad-hoc benchmark: its content hash is derived from the logged tasks (as verievals does).</summary>
    public EvalRecorder(string benchmarkId, string benchmarkVersion, ModelInfo model, string scorer = "exact_match", long seed = 0, long? sampleLimit = null)
    {
        (_benchmarkId, _benchmarkVersion, Model, Runner) = (benchmarkId, benchmarkVersion, model, new RunnerConfig(seed, sampleLimit));
        _scorer = Scorers.Get(scorer);
    }

    public ModelInfo Model { get; }
    public RunnerConfig Runner { get; }
    public int Count => _results.Count;

    /// <summary>
    /// Logs one item and returns whether it passed. Without <paramref name="score"/> the scorer judges the output
    /// against <paramref name="expected"/>; with it, your grade is used (passed means score >= 1.0).
    /// </summary>
    public bool Log(string taskId, string prompt, string output, string? expected = null, double? score = null,
        string? finishReason = null, long? outputTokens = null, double? latencyMs = null)
    {
        if (_record is not null) throw new InvalidOperationException("this recorder already produced its record; start a new one");
        if (!_ids.Add(taskId)) throw new ArgumentException($"duplicate task id \"{taskId}\"", nameof(taskId));
        if (finishReason is not null && !TaskResult.FinishReasons.Contains(finishReason))
            throw new ArgumentException($"finish_reason must be one of {string.Join(", ", TaskResult.FinishReasons)}, got \"{finishReason}\"", nameof(finishReason));
        var value = score ?? _scorer.Score(output, expected).Value;
        if (!double.IsFinite(value)) throw new ArgumentException($"score must be finite, got {value}", nameof(score));
        var passed = value >= 1.0;
        _results.Add(new TaskResult(taskId, prompt, output, expected, value, passed, finishReason, outputTokens, latencyMs));
        return passed;
    }

    /// <summary>The unsigned body of everything logged so far.</summary>
    public RecordBody Body()
    {
        if (_results.Count == 0) throw new InvalidOperationException("nothing logged; a record needs at least one item");
        var benchmark = _benchmark?.ToRef() ?? new Benchmark(_benchmarkId, _benchmarkVersion, _scorer.Id, null,
            _results.Select(r => new BenchmarkTask(r.TaskId, r.Prompt, r.Expected))).ToRef();
        return RecordBody.Create(benchmark, Model, Runner, _results, _scorer.Id);
    }

    /// <summary>Signs the record (once; later calls return the same record).</summary>
    public RunRecord Finish(Ed25519KeyPair key, string? signer = null) => _record ??= RunRecord.Create(Body(), key, signer);

    /// <summary>Runs <paramref name="loop"/> and signs what it logged; if the loop throws, the exception propagates and no record exists.</summary>
    public static async Task<RunRecord> RecordAsync(EvalRecorder recorder, Func<EvalRecorder, Task> loop, Ed25519KeyPair key, string? signer = null)
    {
        await loop(recorder);
        return recorder.Finish(key, signer);
    }
}
