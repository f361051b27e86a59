using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Recorder;
using LedgerCluster.Core.Runner;
using LedgerCluster.Core.Scoring;

namespace LedgerCluster.Core.Tests.Recorder;

public sealed class EvalRecorderTests
{
    [SharedFact]
    public async Task Own_loop_gives_the_byte_identical_record_the_runner_gives()
    {
        var benchmark = BenchmarkLoader.Load(SharedData.Path("verievals", "benchmarks", "arithmetic"));
        var model = ModelSpec.Parse("fixture:" + SharedData.Path("verievals", "fixtures", "arithmetic_solver.json"));
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        var created = DateTimeOffset.Parse("2026-11-22T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        var byRunner = RunRecord.Create(await EvalRunner.RunAsync(benchmark, model, new RunOptions()), key, "ci", created);
        var recorder = new EvalRecorder(benchmark, model.Info);
        var byRecorder = await EvalRecorder.RecordAsync(recorder, async r =>
        {
            foreach (var task in benchmark.Tasks)
                r.Log(task.Id, task.Prompt, (await model.GenerateAsync(task.Prompt)).Text, task.Expected);
        }, key, "ci");

        Assert.Equal(byRunner.Id, byRecorder.Id);
        Assert.Equal(byRunner.Signature, byRecorder.Signature);
        var withSameEnvelope = byRecorder with { Envelope = byRunner.Envelope };
        Assert.Equal(byRunner.ToFileText(), withSameEnvelope.ToFileText());
    }

    [Fact]
    public async Task An_exception_in_the_loop_leaves_no_record()
    {
        using var key = Ed25519KeyPair.Generate();
        var recorder = new EvalRecorder("adhoc", "1", new ModelInfo("me", "m", "1", new JObject()));
        RunRecord? record = null;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => record = await EvalRecorder.RecordAsync(recorder, r =>
        {
            r.Log("a", "q", "ans", "ans");
            throw new InvalidOperationException("the eval loop crashed");
        }, key));
        Assert.Null(record);
        Assert.Equal(1, recorder.Count);
    }

    [Fact]
    public void Ad_hoc_benchmark_hash_comes_from_the_logged_tasks_and_grades_are_kept()
    {
        using var key = Ed25519KeyPair.Generate();
        var recorder = new EvalRecorder("adhoc", "1", new ModelInfo("me", "m", "1", new JObject()), "exact_match", seed: 7);
        Assert.True(recorder.Log("a", "q1", " Paris ", "paris"));
        Assert.False(recorder.Log("b", "q2", "x", "y"));
        Assert.True(recorder.Log("c", "q3", "whatever", null, score: 1.0));
        var record = recorder.Finish(key);
        var expected = new Benchmark("adhoc", "1", "exact_match", null, [new BenchmarkTask("a", "q1", "paris"), new BenchmarkTask("b", "q2", "y"), new BenchmarkTask("c", "q3", null)]);
        Assert.Equal(expected.ContentHash(), record.Body.Benchmark.ContentHash);
        Assert.Equal(2.0, record.Body.Aggregate.Passed);
        Assert.Equal(7, record.Body.Runner.Seed);
        Assert.True(record.IntegrityHolds() && record.SignatureHolds());
        Assert.Same(record, recorder.Finish(key));
        Assert.Throws<InvalidOperationException>(() => recorder.Log("d", "q", "o"));
    }

    [Fact]
    public void Bad_items_are_refused()
    {
        var recorder = new EvalRecorder("adhoc", "1", new ModelInfo("me", "m", "1", new JObject()));
        recorder.Log("a", "q", "o");
        Assert.Throws<ArgumentException>(() => recorder.Log("a", "q", "o"));
        Assert.Throws<ArgumentException>(() => recorder.Log("b", "q", "o", finishReason: "truncated"));
        Assert.Throws<ArgumentException>(() => recorder.Log("c", "q", "o", score: double.NaN));
        Assert.Throws<ArgumentException>(() => new EvalRecorder("x", "1", recorder.Model, "no_such_scorer"));
        Assert.Throws<InvalidOperationException>(() => new EvalRecorder("x", "1", recorder.Model).Body());
        _ = Scorers.KnownIds;
    }
}
