using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Runner;

namespace LedgerCluster.Core.Tests.Runner;

public sealed class EvalRunnerTests
{
    private static string Bench(string name) => SharedData.Path("verievals", "benchmarks", name);
    private static string Fixture(string name) => SharedData.Path("verievals", "fixtures", name);

    [SharedTheory]
    [InlineData("arithmetic", "echo", null, "56c7984e5b5ad853a183983100aab5ca3255740809bb7367f3d95eecc4d37dc8")]
    [InlineData("capitals", "echo", 3L, "e0fa141047eac59e7ecc660a24060e47f8ef3323576955b4d761108db19f76ba")]
    [InlineData("arithmetic", "fixture:arithmetic_solver.json", null, "276d38cff88c11bc3fb22042ae6f20993c430d20eec4ed68b3194d9e62e25f88")]
    [InlineData("gsm8k", "fixture:gsm8k_gemma3_1b.json", null, "4a8aa15dce3432a3159e0f9b4a4ff155a50ab9f947cd160c13a0decd3bcbb13b")]
    public async Task Runs_reproduce_the_python_record_ids(string benchmark, string model, long? limit, string expectedId)
    {
        var spec = model.StartsWith("fixture:", StringComparison.Ordinal) ? "fixture:" + Fixture(model["fixture:".Length..]) : model;
        var body = await EvalRunner.RunAsync(BenchmarkLoader.Load(Bench(benchmark)), ModelSpec.Parse(spec), new RunOptions { Seed = 0, Limit = limit });
        Assert.Equal(expectedId, body.ContentHash());
        Assert.Equal(SchemaVersions.Verievals, body.SchemaVersion);
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        var record = RunRecord.Create(body, key);
        var kat = RunRecord.Parse(File.ReadAllBytes(Path.Combine(Kat.RecordsDir, expectedId + ".json")));
        Assert.Equal(kat.Signature, record.Signature);
    }

    [SharedFact]
    public async Task Full_gsm8k_replays_from_a_captured_fixture_with_progress()
    {
        using var dir = new TempDir();
        var benchmark = BenchmarkLoader.Load(Bench("gsm8k-full"));
        var capture = new FixtureCapture(ModelSpec.Parse("echo"));
        var first = await EvalRunner.RunAsync(benchmark, capture, new RunOptions());
        capture.Save(dir.File("capture.json"));

        var reports = new List<RunProgress>();
        var replay = await EvalRunner.RunAsync(benchmark, ModelSpec.Parse("fixture:" + dir.File("capture.json")), new RunOptions(), new InlineProgress(reports.Add));
        Assert.Equal(1319, replay.Results.Count);
        Assert.Equal(first.Results.Select(r => r.Output), replay.Results.Select(r => r.Output));
        Assert.Equal(1319, reports.Count);
        Assert.Equal(new RunProgress(1319, 1319, (int)replay.Aggregate.Passed), reports[^1]);
    }

    [Fact]
    public async Task Concurrency_does_not_change_the_body()
    {
        var benchmark = new Benchmark("b", "1", "exact_match", null, Enumerable.Range(0, 50).Select(i => new BenchmarkTask($"t{i}", $"q{i}\nAnswer: {i}", i % 3 == 0 ? $"{i}" : "x")));
        var serial = await EvalRunner.RunAsync(benchmark, new SlowModel(), new RunOptions { Concurrency = 1 });
        var parallel = await EvalRunner.RunAsync(benchmark, new SlowModel(), new RunOptions { Concurrency = 8 });
        Assert.Equal(serial.ContentHash(), parallel.ContentHash());
        Assert.Equal(benchmark.Tasks.Select(t => t.Id), parallel.Results.Select(r => r.TaskId));
    }

    [Fact]
    public async Task Extension_data_switches_to_the_ledgercluster_schema()
    {
        var benchmark = new Benchmark("b", "1", "exact_match", null, [new BenchmarkTask("t", "q", "a")]);
        var body = await EvalRunner.RunAsync(benchmark, new SlowModel(finishReason: "length"), new RunOptions());
        Assert.Equal(SchemaVersions.LedgerCluster, body.SchemaVersion);
        Assert.Equal("length", body.Results[0].FinishReason);
        Assert.Equal(body.ContentHash(), RecordBody.Read(body.ToJson()).ContentHash());
    }

    private sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) { lock (this) report(value); }
    }

    // Answers after a random delay, so that tasks finish out of order under concurrency.
    private sealed class SlowModel(string? finishReason = null) : IModel
    {
        public ModelInfo Info { get; } = new("test", "slow", "1", new JObject());

        public async Task<ModelOutput> GenerateAsync(string prompt, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Random.Shared.Next(0, 5), cancellationToken);
            return new ModelOutput(EchoModel.Reply(prompt), finishReason, finishReason is null ? null : 7);
        }
    }
}
