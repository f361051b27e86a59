using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Tests.Verification;

namespace LedgerCluster.Core.Tests.Export;

/// <summary>`ledger export --records DIR`: tiers decide what is exported; every format loads as trainers expect.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _records;
    private readonly string _vkey;
    private readonly RunRecord _verified1, _verified2, _signed, _selfReported;

    public ExportCommandTests()
    {
        using var key = Ed25519KeyPair.FromSeed(ContentHash.Sha256("exporter"u8));
        _verified1 = ExportRecords.Make(key, "m1", ("t1", "A", true), ("t2", "x", false), ("t3", "C", true));
        _verified2 = ExportRecords.Make(key, "m2", ("t1", "wrong1", false), ("t2", "B", true), ("t3", "C", true));
        _signed = ExportRecords.Make(key, "m3", ("t1", "A3", true), ("t2", "wrong2", false));
        _selfReported = ExportRecords.BadlySigned(ExportRecords.Make(key, "m4", ("t1", "A4", true)));
        var log = new OfflineLog(_verified1, _verified2);
        _vkey = log.LogSigner.VerifierKey.ToString();
        _records = Directory.CreateDirectory(_dir.File("records")).FullName;
        ExportRecords.Write(_records, _verified1, log.ProofFor(0));
        ExportRecords.Write(_records, _verified2, log.ProofFor(1));
        ExportRecords.Write(_records, _signed);
        ExportRecords.Write(_records, _selfReported);
    }

    public void Dispose() => _dir.Dispose();

    private Task<CliRun> Export(string format, string minTier, params string[] extra) =>
        CliRun.Of(["export", "--format", format, "--out", _dir.File($"{format}-{minTier}.jsonl"), "--records", _records, "--vkey", _vkey, "--min-tier", minTier, .. extra]);

    [Theory]
    [InlineData("verified", 4)]
    [InlineData("signed", 5)]
    [InlineData("self_reported", 6)]
    [InlineData("reproduced", 0)]
    public async Task Sft_holds_exactly_the_passed_results_of_records_at_or_above_the_tier(string minTier, int expected)
    {
        var run = await Export("sft", minTier);
        Assert.True(run.ExitCode == 0, run.Error);
        var examples = TrainingShapes.ReadValid(_dir.File($"sft-{minTier}.jsonl"), "sft");
        Assert.Equal(expected, examples.Count);

        RunRecord[] admitted = minTier switch
        {
            "verified" => [_verified1, _verified2],
            "signed" => [_verified1, _verified2, _signed],
            "self_reported" => [_verified1, _verified2, _signed, _selfReported],
            _ => [],
        };
        var expectedPairs = admitted.SelectMany(r => r.Body.Results.Where(t => t.Passed).Select(t => (r.Id, t.TaskId, t.Output))).ToHashSet();
        var actualPairs = examples.Select(e => (
            TrainingShapes.Str((JObject)e["metadata"]!, "record_id"),
            TrainingShapes.Str((JObject)e["metadata"]!, "task_id"),
            TrainingShapes.Str((JObject)((JArray)e["messages"]!)[1], "content"))).ToHashSet();
        Assert.Equal(expectedPairs, actualPairs);

        var manifest = (JObject)JsonParser.ParseFile(_dir.File("manifest.json"));
        var below = ((JArray)((JObject)manifest["excluded"]!)["below_tier"]!).Items.Select(b => TrainingShapes.Str((JObject)b, "record_id")).ToHashSet();
        Assert.Equal(new[] { _verified1, _verified2, _signed, _selfReported }.Except(admitted).Select(r => r.Id).ToHashSet(), below);
        Assert.Equal(expected, (long)((JInteger)((JObject)manifest["counts"]!)["sft"]!).Value);
    }

    [Fact]
    public async Task Logged_examples_name_their_shard_and_index_in_log_order_and_the_manifest_their_checkpoint()
    {
        Assert.Equal(0, (await Export("sft", "verified")).ExitCode);
        var metadata = TrainingShapes.ReadValid(_dir.File("sft-verified.jsonl"), "sft").Select(e => (JObject)e["metadata"]!).ToList();
        Assert.Equal([(_verified1.Id, 0L), (_verified1.Id, 0L), (_verified2.Id, 1L), (_verified2.Id, 1L)],
            metadata.Select(m => (TrainingShapes.Str(m, "record_id"), (long)((JInteger)m["index"]!).Value)));
        Assert.All(metadata, m => Assert.Equal(0, (long)((JInteger)m["shard"]!).Value));
        Assert.All(metadata, m => Assert.Equal("verified", TrainingShapes.Str(m, "tier")));
        var manifest = (JObject)JsonParser.ParseFile(_dir.File("manifest.json"));
        var checkpoint = (JObject)Assert.Single(((JArray)manifest["checkpoints"]!).Items);
        Assert.StartsWith(OfflineLog.Origin + "\n2\n", TrainingShapes.Str(checkpoint, "note"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_log_key_a_proof_cannot_be_checked_and_its_record_counts_as_signed()
    {
        Assert.Equal(0, (await CliRun.Of("export", "--format", "sft", "--out", _dir.File("nokey.jsonl"), "--records", _records)).ExitCode);
        Assert.Empty(File.ReadAllText(_dir.File("nokey.jsonl")));
        Assert.Equal(0, (await CliRun.Of("export", "--format", "sft", "--out", _dir.File("nokey.jsonl"), "--records", _records, "--min-tier", "signed")).ExitCode);
        var examples = TrainingShapes.ReadValid(_dir.File("nokey.jsonl"), "sft");
        Assert.Equal(5, examples.Count);
        Assert.All(examples, e => Assert.Equal("signed", TrainingShapes.Str((JObject)e["metadata"]!, "tier")));
        Assert.All(examples, e => Assert.IsType<JNull>(((JObject)e["metadata"]!)["index"]));
    }

    [Theory]
    [InlineData("verified", 2)]
    [InlineData("signed", 4)]
    public async Task Dpo_pairs_a_passed_and_a_failed_output_of_the_same_task_across_records(string minTier, int expected)
    {
        Assert.Equal(0, (await Export("dpo", minTier)).ExitCode);
        var path = _dir.File($"dpo-{minTier}.jsonl");
        var pairs = TrainingShapes.ReadValid(path, "dpo");
        Assert.Equal(expected, pairs.Count);
        var triples = pairs.Select(p => (TrainingShapes.Str(p, "prompt"), TrainingShapes.Str(p, "chosen"), TrainingShapes.Str(p, "rejected"))).ToList();
        Assert.Equal(triples.Count, triples.Distinct().Count());

        // Chosen is a passed output and rejected a failed one of the same task, each from the record its metadata names.
        var byId = new[] { _verified1, _verified2, _signed }.ToDictionary(r => r.Id);
        foreach (var pair in pairs)
        {
            var metadata = (JObject)pair["metadata"]!;
            var task = TrainingShapes.Str(metadata, "task_id");
            var chosen = byId[TrainingShapes.Str(metadata, "record_id")].Body.Results.Single(r => r.TaskId == task);
            var rejected = byId[TrainingShapes.Str((JObject)metadata["rejected"]!, "record_id")].Body.Results.Single(r => r.TaskId == task);
            Assert.True(chosen.Passed && chosen.Output == TrainingShapes.Str(pair, "chosen"));
            Assert.True(!rejected.Passed && rejected.Output == TrainingShapes.Str(pair, "rejected"));
            Assert.Equal(chosen.Prompt, TrainingShapes.Str(pair, "prompt"));
        }

        var first = File.ReadAllBytes(path);
        Assert.Equal(0, (await Export("dpo", minTier)).ExitCode);
        Assert.Equal(first, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task ShareGpt_lines_alternate_human_and_gpt()
    {
        Assert.Equal(0, (await Export("sharegpt", "signed")).ExitCode);
        var examples = TrainingShapes.ReadValid(_dir.File("sharegpt-signed.jsonl"), "sharegpt");
        Assert.Equal(5, examples.Count);
    }

    [Fact]
    public async Task Examples_holding_a_held_out_item_are_left_out_and_named_in_the_manifest()
    {
        var heldOut = Directory.CreateDirectory(_dir.File("held-out")).FullName;
        File.WriteAllText(Path.Combine(heldOut, "tasks.jsonl"),
            "{\"id\": \"h0\", \"prompt\": \"Something unrelated to every record in this test at all.\"}\n" +
            "{\"id\": \"h1\", \"prompt\": \"Question t3: what is the answer?\"}\n");
        var run = await Export("sft", "verified", "--exclude-contaminated", heldOut, "--json");
        Assert.Equal(0, run.ExitCode);
        var examples = TrainingShapes.ReadValid(_dir.File("sft-verified.jsonl"), "sft");
        Assert.Equal(["t1", "t2"], examples.Select(e => TrainingShapes.Str((JObject)e["metadata"]!, "task_id")).Order());
        var summary = (JObject)JsonParser.Parse(run.Out);
        var contaminated = ((JArray)((JObject)summary["excluded"]!)["contaminated"]!).Items.Cast<JObject>().ToList();
        Assert.Equal(2, contaminated.Count);
        Assert.All(contaminated, c =>
        {
            Assert.Equal("t3", TrainingShapes.Str(c, "task_id"));
            Assert.Equal("h1", TrainingShapes.Str(c, "held_out_item"));
            Assert.Equal(heldOut, TrainingShapes.Str(c, "held_out_benchmark"));
        });
    }

    [Theory]
    [InlineData(new[] { "--format", "csv" }, "csv")]
    [InlineData(new[] { "--format", "sft", "--min-tier", "gold" }, "--min-tier: 'gold' is not a tier")]
    [InlineData(new[] { "--format", "sft", "--gateway", "http://127.0.0.1:9" }, "give exactly one of --records DIR and --gateway URL")]
    [InlineData(new[] { "--format", "sft", "--exclude-contaminated", "/nonexistent/bench" }, "--exclude-contaminated: held-out benchmark not found")]
    public async Task Bad_flags_exit_2_with_the_reason(string[] flags, string reason)
    {
        var run = await CliRun.Of(["export", "--out", _dir.File("bad.jsonl"), "--records", _records, .. flags]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("bad.jsonl")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_record_is_named()
    {
        File.WriteAllText(Path.Combine(_records, "junk.json"), "{\"body\": 1}");
        var run = await Export("sft", "verified");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("junk.json: not a run record", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_goes_to_stderr_and_the_text_summary_to_stdout()
    {
        var run = await Export("sft", "verified");
        Assert.Contains("export: 4/4 records", run.Error, StringComparison.Ordinal);
        Assert.Contains("Exported 4 sft examples from 4 records (6 task results)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_output_folder_is_created_when_it_does_not_exist_yet()
    {
        var output = _dir.File(Path.Combine("new", "nested", "sft.jsonl"));
        var run = await CliRun.Of("export", "--format", "sft", "--out", output, "--records", _records, "--vkey", _vkey);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(4, TrainingShapes.ReadValid(output, "sft").Count);
        Assert.True(File.Exists(_dir.File(Path.Combine("new", "nested", "manifest.json"))));
    }

    [SharedFact]
    public async Task Gsm8k_test_questions_are_kept_out_when_the_test_split_is_held_out()
    {
        var heldOut = SharedData.Path("verievals", "benchmarks", "gsm8k-full");
        var questions = File.ReadLines(Path.Combine(heldOut, "tasks.jsonl")).Take(3)
            .Select(l => (JObject)JsonParser.Parse(l)).Select(o => (Id: TrainingShapes.Str(o, "id"), Prompt: TrainingShapes.Str(o, "prompt"))).ToList();
        using var key = Ed25519KeyPair.FromSeed(ContentHash.Sha256("gsm8k"u8));
        // Leaked questions (one reworded at the end, one with the answer run on) beside prompts of our own.
        var results = new List<TaskResult>
        {
            new("leak0", questions[0].Prompt, "18", null, 1.0, true),
            new("leak1", questions[1].Prompt.Replace("?", ", in total?", StringComparison.Ordinal), "3", null, 1.0, true),
            new("leak2", "Solve: " + questions[2].Prompt + " Answer: 70000", "70000", null, 1.0, true),
            new("own0", "A train leaves at noon and travels sixty miles an hour until three; how far has it gone by then?", "180", null, 1.0, true),
            new("own1", "Name the capital of the country whose flag is a red circle on a white field.", "Tokyo", null, 1.0, true),
        };
        var body = RecordBody.Create(ExportRecords.Benchmark, new ModelInfo("test", "m", "1", new JObject()), new RunnerConfig(1, null), results, "exact_match");
        var records = Directory.CreateDirectory(_dir.File("gsm")).FullName;
        ExportRecords.Write(records, RunRecord.Create(body, key));

        var run = await CliRun.Of("export", "--format", "sft", "--out", _dir.File("gsm.jsonl"), "--records", records, "--min-tier", "signed",
            "--exclude-contaminated", heldOut, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["own0", "own1"], TrainingShapes.ReadValid(_dir.File("gsm.jsonl"), "sft").Select(e => TrainingShapes.Str((JObject)e["metadata"]!, "task_id")));
        var contaminated = ((JArray)((JObject)((JObject)JsonParser.Parse(run.Out))["excluded"]!)["contaminated"]!).Items.Cast<JObject>().ToList();
        Assert.Equal(["leak0", "leak1", "leak2"], contaminated.Select(c => TrainingShapes.Str(c, "task_id")));
        Assert.Equal(questions.Select(q => q.Id), contaminated.Select(c => TrainingShapes.Str(c, "held_out_item")));
        Assert.Equal([1L, 2L, 3L], contaminated.Select(c => (long)((JInteger)c["held_out_item_number"]!).Value));
    }
}
