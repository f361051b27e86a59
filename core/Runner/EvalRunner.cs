using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Scoring;

namespace LedgerCluster.Core.Runner;

/// <summary>
/// Runs a benchmark against a model into a record body. The body depends only on the benchmark, the model's
/// outputs and the options, never on timing or concurrency: results keep benchmark order.
/// </summary>
public static class EvalRunner
{
    public static async Task<RecordBody> RunAsync(Benchmark benchmark, IModel model, RunOptions options,
        IProgress<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        if (options.Limit is < 0) throw new ArgumentException($"--limit must be >= 0, got {options.Limit}");
        var scorer = Scorers.Get(options.Scorer ?? benchmark.Scorer);
        var tasks = options.Limit is { } limit ? benchmark.Tasks.Take((int)Math.Min(limit, int.MaxValue)).ToList() : benchmark.Tasks.ToList();
        var results = new TaskResult[tasks.Count];
        int done = 0, passed = 0;

        // Local deterministic models answer in microseconds; parallelism only pays for remote calls.
        var parallelism = model.IsDeterministic ? 1 : Math.Max(1, options.Concurrency);
        await Parallel.ForEachAsync(Enumerable.Range(0, tasks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancel },
            async (i, ct) =>
            {
                var task = tasks[i];
                ModelOutput output;
                try { output = await model.GenerateAsync(task.Prompt, ct); }
                catch (ModelException e) { throw new ModelException($"task {task.Id}: {e.Message}", e.Status, e); }
                var score = scorer.Score(output.Text, task.Expected);
                results[i] = new TaskResult(task.Id, task.Prompt, output.Text, task.Expected, score.Value, score.Passed,
                    output.FinishReason, output.OutputTokens, output.LatencyMs);
                var p = score.Passed ? Interlocked.Increment(ref passed) : Volatile.Read(ref passed);
                progress?.Report(new RunProgress(Interlocked.Increment(ref done), tasks.Count, p));
            });

        return RecordBody.Create(benchmark.ToRef(), model.Info, new RunnerConfig(options.Seed, options.Limit), results, scorer.Id);
    }
}
