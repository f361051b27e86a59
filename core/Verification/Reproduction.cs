using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Runner;

namespace LedgerCluster.Core.Verification;

/// <summary>Re-runs a record with its own seed, limit and scorer and compares body hashes; on a mismatch, says where.</summary>
public static class Reproduction
{
    public static async Task<CheckResult> CheckAsync(RunRecord record, Benchmark benchmark, IModel model, CancellationToken cancel = default)
    {
        var options = new RunOptions { Seed = record.Body.Runner.Seed, Limit = record.Body.Runner.SampleLimit, Scorer = record.Body.Aggregate.Scorer };
        var again = await EvalRunner.RunAsync(benchmark, model, options, cancel: cancel);
        var hash = again.ContentHash();
        return hash == record.ContentHash
            ? CheckResult.Ok(CheckNames.Reproduction, $"re-run gave the same body hash {hash}")
            : CheckResult.Failed(CheckNames.Reproduction, $"re-run gave body hash {hash}: {FirstDifference(record.Body, again)}");
    }

    /// <summary>The first place two bodies differ, in words.</summary>
    public static string FirstDifference(RecordBody claimed, RecordBody rerun)
    {
        if (claimed.Benchmark != rerun.Benchmark)
            return $"the benchmark differs (record: {claimed.Benchmark.Id}@{claimed.Benchmark.Version} {claimed.Benchmark.ContentHash}, given: {rerun.Benchmark.Id}@{rerun.Benchmark.Version} {rerun.Benchmark.ContentHash})";
        if (CanonicalJson.Serialize(claimed.Model.ToJson()) != CanonicalJson.Serialize(rerun.Model.ToJson()))
            return $"the model differs (record: {CanonicalJson.Serialize(claimed.Model.ToJson())}, re-run: {CanonicalJson.Serialize(rerun.Model.ToJson())})";
        for (var i = 0; i < Math.Min(claimed.Results.Count, rerun.Results.Count); i++)
        {
            var (a, b) = (claimed.Results[i], rerun.Results[i]);
            if (a.TaskId != b.TaskId) return $"result {i} is task {a.TaskId} in the record but {b.TaskId} in the re-run";
            if (a.Output != b.Output) return $"task {a.TaskId}: output {Quote(a.Output)} in the record, {Quote(b.Output)} in the re-run";
            if (CanonicalJson.Serialize(a.ToJson()) != CanonicalJson.Serialize(b.ToJson()))
                return $"task {a.TaskId}: {CanonicalJson.Serialize(a.ToJson())} in the record, {CanonicalJson.Serialize(b.ToJson())} in the re-run";
        }
        if (claimed.Results.Count != rerun.Results.Count)
            return $"the record has {claimed.Results.Count} results, the re-run {rerun.Results.Count}";
        return "the runner configuration, aggregate or schema version differs";
    }

    private static string Quote(string s) => CanonicalJson.Serialize(new JString(s.Length > 60 ? s[..60] + "…" : s));
}
