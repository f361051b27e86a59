using System.Text.Json;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Export;

/// <summary>
/// `ledger import traces` on the real trace-pipeline files, then `ledger export`: the pairs a reader of those files
/// expects (chosen = the passing branch or the passing repair attempt), counted here straight from the files.
/// </summary>
public sealed class TraceImportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Data(params string[] parts) => SharedData.Path(["trace-pipeline-data", .. parts]);

    private static readonly string[] Golden =
    [
        "compliance-direct-fail.v1.jsonl", "compliance-direct-pass.v1.jsonl", "compliance-repair-pass.v1.jsonl",
        "rollout-policy-blocked.v1.jsonl", "rollout-repair-success.v1.jsonl", "rollout-success.v1.jsonl",
    ];

    private async Task<string> ImportAsync(params string[] files)
    {
        var key = _dir.File("k");
        if (!File.Exists(key + ".key")) Assert.Equal(0, (await CliRun.Of("keygen", "--out", key)).ExitCode);
        var records = _dir.File("records");
        var run = await CliRun.Of(["import", "traces", .. files, "--key", key + ".key", "--out", records]);
        Assert.True(run.ExitCode == 0, run.Error);
        return records;
    }

    private async Task<List<JObject>> ExportAsync(string records, string format)
    {
        var output = _dir.File($"{format}.jsonl");
        var run = await CliRun.Of("export", "--format", format, "--out", output, "--records", records, "--min-tier", "signed");
        Assert.True(run.ExitCode == 0, run.Error);
        return TrainingShapes.ReadValid(output, format);
    }

    [SharedFact]
    public async Task Data_loop_fixture_gives_the_counts_and_the_chosen_branch_its_manifest_expects()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Data("fixtures", "data-loop", "manifest.json")));
        var expected = manifest.RootElement.GetProperty("expected");
        var branches = File.ReadAllLines(Data("fixtures", "data-loop", "rollout-branches.v1.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        string Answer(int branch) => branches.Single(b => b.GetProperty("branch_index").GetInt32() == branch).GetProperty("final_answer").GetString()!;

        var records = await ImportAsync(Data("fixtures", "data-loop", "rollout-branches.v1.jsonl"));
        var sft = await ExportAsync(records, "sft");
        var dpo = await ExportAsync(records, "dpo");

        Assert.Equal(expected.GetProperty("n_sft").GetInt32(), sft.Count);
        Assert.Equal(expected.GetProperty("n_dpo").GetInt32(), dpo.Count);
        Assert.Equal(Answer(expected.GetProperty("chosen_branch").GetInt32()), TrainingShapes.Str(dpo[0], "chosen"));
        Assert.Equal(Answer(expected.GetProperty("rejected_branch").GetInt32()), TrainingShapes.Str(dpo[0], "rejected"));
        Assert.Equal(branches[0].GetProperty("task").GetString(), TrainingShapes.Str(dpo[0], "prompt"));

        // The task id is trace-pipeline's own task hash for this prompt (its sample export, extra/data/samples/sft.jsonl).
        using var sample = JsonDocument.Parse(File.ReadLines(Data("extra", "data", "samples", "sft.jsonl")).First());
        var taskHash = sample.RootElement.GetProperty("provenance").GetProperty("task_hash").GetString();
        Assert.Equal($"task-{taskHash}", TrainingShapes.Str((JObject)sft[0]["metadata"]!, "task_id"));
    }

    [SharedFact]
    public async Task Compliance_attempts_pair_the_failing_artifact_with_the_passing_one()
    {
        var files = Golden.Where(f => f.StartsWith("compliance", StringComparison.Ordinal)).Select(f => Data("extra", "fixtures", "golden", f)).ToArray();
        var attempts = files.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        var passing = attempts.Where(a => a.GetProperty("final_pass").GetBoolean()).Select(a => a.GetProperty("artifact").GetString()!).ToList();
        var failing = attempts.Where(a => !a.GetProperty("final_pass").GetBoolean()).Select(a => a.GetProperty("artifact").GetString()!).ToList();
        Assert.Equal(2, passing.Count); // the direct pass and the repair that passed after one round
        Assert.Contains(attempts, a => a.GetProperty("repair_rounds").GetInt32() > 0 && a.GetProperty("final_pass").GetBoolean());

        var records = await ImportAsync(files);
        var sft = await ExportAsync(records, "sft");
        var dpo = await ExportAsync(records, "dpo");

        Assert.Equal(passing, sft.Select(e => TrainingShapes.Str((JObject)((JArray)e["messages"]!)[1], "content")));
        var pair = Assert.Single(dpo); // both passing attempts hold the same artifact: one distinct chosen text
        Assert.Equal(passing.Distinct().Single(), TrainingShapes.Str(pair, "chosen"));
        Assert.Equal(failing.Single(), TrainingShapes.Str(pair, "rejected"));
        Assert.Contains("golden-task-01", TrainingShapes.Str(pair, "prompt"), StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Every_rollout_and_compliance_file_together_exports_what_the_files_imply()
    {
        var files = Golden.Select(f => Data("extra", "fixtures", "golden", f))
            .Append(Data("fixtures", "data-loop", "rollout-branches.v1.jsonl")).Append(Data("data", "smoke", "rollout-smoke.jsonl")).ToArray();
        // A reader's view: the prompt of a task (the rollout's task, or the compliance task id and spec hash), the output, the outcome.
        var attempts = files.SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).Select(a =>
            a.GetProperty("schema_version").GetString() == "rollout-wire/v1"
                ? (Task: a.GetProperty("task").GetString()!, Output: a.GetProperty("final_answer").GetString()!, Passed: a.GetProperty("objective_status").GetString() == "pass")
                : (Task: a.GetProperty("task_id").GetString() + a.GetProperty("task_spec_hash").GetString(), Output: a.GetProperty("artifact").GetString()!, Passed: a.GetProperty("final_pass").GetBoolean()))
            .ToList();
        var expectedSft = attempts.Count(a => a.Passed && a.Output.Length > 0);
        var expectedPairs = attempts.Where(a => a.Output.Length > 0).GroupBy(a => a.Task).Sum(g =>
        {
            var (passed, failed) = (g.Where(a => a.Passed).Select(a => a.Output).Distinct().Count(), g.Where(a => !a.Passed).Select(a => a.Output).Distinct().Count());
            return passed > 0 && failed > 0 ? Math.Max(passed, failed) : 0;
        });

        var records = await ImportAsync(files);
        Assert.Equal(attempts.Count, Directory.GetFiles(records, "*.json").Length);
        Assert.All(Directory.GetFiles(records, "*.json"), f =>
        {
            var record = RunRecord.Parse(File.ReadAllBytes(f));
            Assert.True(record.IntegrityHolds() && record.SignatureHolds());
        });
        Assert.Equal(expectedSft, (await ExportAsync(records, "sft")).Count);
        Assert.Equal(expectedSft, (await ExportAsync(records, "sharegpt")).Count);
        var dpo = await ExportAsync(records, "dpo");
        Assert.Equal(expectedPairs, dpo.Count);
        // The water-cycle prompt: every passing branch's answer is chosen over the failing one, never the reverse.
        Assert.All(dpo.Where(p => TrainingShapes.Str(p, "prompt").Contains("water cycle", StringComparison.Ordinal)),
            p => Assert.Equal("The water cycle is important.", TrainingShapes.Str(p, "rejected")));
    }

    [SharedFact]
    public async Task Shapes_without_outputs_are_refused_with_the_reason()
    {
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", _dir.File("k"))).ExitCode);
        var run = await CliRun.Of("import", "traces", Data("data", "smoke", "aep-smoke.jsonl"), "--key", _dir.File("k.key"), "--out", _dir.File("r"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("aep-smoke.jsonl:1: schema_version \"aep/v0.1\" is not importable", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("r")));
    }
}
