using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Models;

public sealed class FixtureModelTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SharedFact]
    public void Fixture_key_is_sha256_of_the_prompt_utf8()
    {
        var example = (JObject)Kat.Vectors["fixture_key_example"]!;
        Assert.Equal(Kat.Str(example["sha256_utf8"]), FixtureFile.KeyOf(Kat.Str(example["prompt"])));
    }

    [SharedTheory]
    [InlineData("arithmetic_solver.json", "276d38cff88c11bc3fb22042ae6f20993c430d20eec4ed68b3194d9e62e25f88")]
    [InlineData("gsm8k_gemma3_1b.json", "4a8aa15dce3432a3159e0f9b4a4ff155a50ab9f947cd160c13a0decd3bcbb13b")]
    public async Task Shared_fixture_replays_the_outputs_and_identity_of_its_kat_record(string file, string recordId)
    {
        var model = ModelSpec.Parse("fixture:" + SharedData.Path("verievals", "fixtures", file));
        var record = RunRecord.Parse(File.ReadAllBytes(Path.Combine(Kat.RecordsDir, recordId + ".json")));

        Assert.Equal(record.Body.Model, model.Info);
        Assert.True(model.IsDeterministic);
        foreach (var result in record.Body.Results)
            Assert.Equal(new ModelOutput(result.Output), await model.GenerateAsync(result.Prompt));
    }

    public static IEnumerable<object[]> RecordIds() => Kat.Rows(() => Kat.RecordFiles.Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }));

    /// <summary>Benchmark + model + scorer reproduce each KAT record's body hash (the runner's job, done by hand here).</summary>
    [SharedTheory]
    [MemberData(nameof(RecordIds))]
    public async Task Benchmarks_models_and_scorers_reproduce_the_kat_record_ids(string id)
    {
        var record = RunRecord.Parse(File.ReadAllBytes(Path.Combine(Kat.RecordsDir, id + ".json")));
        var benchmark = BenchmarkLoader.Load(SharedData.Path("verievals", "benchmarks", record.Body.Benchmark.Id));
        var model = record.Body.Model.Name switch
        {
            "echo" => ModelSpec.Parse("echo"),
            "arithmetic-solver" => ModelSpec.Parse("fixture:" + SharedData.Path("verievals", "fixtures", "arithmetic_solver.json")),
            _ => ModelSpec.Parse("fixture:" + SharedData.Path("verievals", "fixtures", "gsm8k_gemma3_1b.json")),
        };
        var scorer = LedgerCluster.Core.Scoring.Scorers.Get(benchmark.Scorer);
        var results = new List<TaskResult>();
        foreach (var task in benchmark.Tasks.Take((int)(record.Body.Runner.SampleLimit ?? int.MaxValue)))
        {
            var output = await model.GenerateAsync(task.Prompt);
            var score = scorer.Score(output.Text, task.Expected);
            results.Add(new TaskResult(task.Id, task.Prompt, output.Text, task.Expected, score.Value, score.Passed));
        }
        var body = RecordBody.Create(benchmark.ToRef(), model.Info, record.Body.Runner, results, benchmark.Scorer);
        Assert.Equal(id, body.ContentHash());
    }

    [Fact]
    public async Task Missing_prompt_is_a_clear_error()
    {
        var path = _temp.Write("f.json", "{\"name\": \"tiny\", \"responses\": {\"known\": \"yes\"}}");
        var model = ModelSpec.Parse("fixture:" + path);
        Assert.Equal("yes", (await model.GenerateAsync("known")).Text);
        var e = await Assert.ThrowsAsync<ModelException>(() => model.GenerateAsync("What is 7 + 5? Reply with only the number."));
        Assert.Contains($"fixture 'tiny' ({path}) has no response for prompt \"What is 7 + 5? Reply with only the number.\"", e.Message);
        Assert.Contains("sha256 532942ab97b7c73f1fbf9a3d9e83875dba98353360c5a374704dd09bd1b3efb5", e.Message);
    }

    [Fact]
    public async Task Hash_keyed_fixtures_work_too_and_name_defaults_to_fixture()
    {
        var path = _temp.Write("f.json", "{\"responses\": {\"532942ab97b7c73f1fbf9a3d9e83875dba98353360c5a374704dd09bd1b3efb5\": \"12\"}}");
        var model = FixtureModel.Load(path);
        Assert.Equal(new ModelInfo("mock", "fixture", "1", new JObject()), model.Info);
        Assert.Equal("12", (await model.GenerateAsync("What is 7 + 5? Reply with only the number.")).Text);
    }

    [Theory]
    [InlineData("[1]", "expected a JSON object, got array")]
    [InlineData("{\"name\": \"x\"}", "field 'responses': expected an object of prompt -> output, got nothing")]
    [InlineData("{\"responses\": {\"p\": 1}}", "entry \"p\": expected a string, got int")]
    [InlineData("{\"name\": 5, \"responses\": {}}", "field 'name': expected a string, got int")]
    [InlineData("{\"responses\": {}, \"model\": \"x\"}", "unknown field 'model'")]
    [InlineData("{\"responses\": {\"p\": \"a\", \"p\": \"b\"}}", "duplicate key")]
    [InlineData("{\"responses\": {\n\"p\": \"a\",\n}}", "(line 3, column 1)")]
    public void Bad_fixture_files_are_rejected_with_the_path(string content, string problem)
    {
        var path = _temp.Write("bad.json", content);
        var e = Assert.Throws<ModelException>(() => FixtureModel.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public async Task Capture_turns_any_run_into_a_replayable_fixture()
    {
        await using var server = new LoopbackServer()
            .Reply(200, "{\"response\": \"12\", \"done\": true, \"done_reason\": \"stop\", \"eval_count\": 1}")
            .Reply(200, "{\"response\": \"line\\none\\u2028 \\\"quoted\\\"\", \"done\": true, \"done_reason\": \"length\", \"eval_count\": 9}");
        var live = ModelSpec.Parse("ollama:gemma3:1b", TestOptions.For(server.BaseUrl));
        var capture = new FixtureCapture(live);

        var first = await capture.GenerateAsync("What is 7 + 5?");
        var second = await capture.GenerateAsync("Tell me a story ✨");
        Assert.Equal(live.Info, capture.Info);
        Assert.Equal(("length", 9L), (second.FinishReason, second.OutputTokens)); // the wrapped output is passed through
        Assert.Equal(2, capture.Count);

        var path = _temp.Path("captured", "gemma.json");
        capture.Save(path);
        var replay = ModelSpec.Parse("fixture:" + path);
        Assert.Equal(new ModelInfo("mock", "gemma3:1b-capture", "1", new JObject()), replay.Info);
        Assert.Equal(first.Text, (await replay.GenerateAsync("What is 7 + 5?")).Text);
        Assert.Equal(second.Text, (await replay.GenerateAsync("Tell me a story ✨")).Text);
        Assert.Equal(2, server.Requests.Count); // replay never calls the live model
        Assert.StartsWith("{\n  \"name\": \"gemma3:1b-capture\",\n  \"responses\": {\n    \"What is 7 + 5?\": \"12\",\n", File.ReadAllText(path));
    }

    [SharedFact]
    public void Fixture_text_round_trips_verievals_example_files()
    {
        var path = SharedData.Path("verievals", "fixtures", "arithmetic_solver.json");
        Assert.Equal(File.ReadAllText(path), FixtureFile.Load(path).ToText());
    }
}
