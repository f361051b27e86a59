using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Import.Helm;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Core.Tests.Import;

public sealed class HelmImportTests : IDisposable
{
    private readonly Ed25519KeyPair _key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);

    public void Dispose() => _key.Dispose();

    public static TheoryData<string> Runs() => new()
    {
        "commonsense-dataset=hellaswag,method=multiple_choice_joint,model=eleutherai_pythia-1b-v0",
        "mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2",
        "narrative_qa-model=openai_gpt2",
    };

    private static string Run(string name) => SharedData.Path("harness-data", "helm", name);

    [SharedTheory]
    [MemberData(nameof(Runs))]
    public void Every_run_imports_with_its_instances_and_per_instance_scores(string name)
    {
        var states = HarnessFiles.Json(Path.Combine(Run(name), "scenario_state.json")).GetProperty("request_states").EnumerateArray().ToList();
        var exactMatch = HarnessFiles.Json(Path.Combine(Run(name), "per_instance_stats.json")).EnumerateArray().ToDictionary(
            e => e.GetProperty("instance_id").GetString()!,
            e => e.GetProperty("stats").EnumerateArray().Single(s => s.GetProperty("name").GetProperty("name").GetString() == "exact_match"
                                                                    && !s.GetProperty("name").TryGetProperty("perturbation", out _)).GetProperty("mean").GetDouble());
        var import = HelmImporter.Import(Run(name), _key);
        var results = import.Runs.SelectMany(r => r.Record.Body.Results).ToList();
        Assert.Equal(states.Count, results.Count);
        Assert.Equal(states.Select(s => s.GetProperty("instance").GetProperty("id").GetString()).Order(), results.Select(r => r.TaskId).Order());
        foreach (var result in results) Assert.Equal(exactMatch[result.TaskId], result.Score);
        var prompts = states.ToDictionary(s => s.GetProperty("instance").GetProperty("id").GetString()!, s => s.GetProperty("request").GetProperty("prompt").GetString());
        foreach (var result in results) Assert.Equal(prompts[result.TaskId], result.Prompt);
        foreach (var run in import.Runs)
        {
            Assert.Equal(SchemaVersions.Verievals, run.Record.Body.SchemaVersion);
            var report = RecordVerifier.Verify(JsonParser.Parse(run.Record.ToFileText()), VerificationInputs.None);
            Assert.True(report.Verified, string.Join("; ", report.Lines()));
            Assert.All(run.SourceAggregates, a => Assert.True(a.Agrees, $"{a.Metric}: source {a.SourceValue}, items {a.ItemValue}"));
            Assert.DoesNotContain("model", run.Benchmark.Id.Replace("multiple_choice", ""), StringComparison.Ordinal);
        }
    }

    [SharedFact]
    public void Joint_multiple_choice_records_the_option_texts_and_splits_become_records()
    {
        var import = HelmImporter.Import(Run("mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2"), _key);
        Assert.Equal(["test", "valid"], import.Runs.Select(r => ((JString)r.Record.Body.Model.Params["split"]!).Value));
        var test = import.Runs[0];
        Assert.Equal(1.0 / 9, test.Record.Body.Aggregate.Accuracy, 12);
        var first = test.Record.Body.Results[0];
        Assert.Equal(("id147", "meaning in an afterlife", "internalmeaning"), (first.TaskId, first.Output, first.Expected));
        Assert.Equal(("huggingface", "openai/gpt2", "unknown"), (test.Record.Body.Model.Provider, test.Record.Body.Model.Name, test.Record.Body.Model.Version));
        Assert.Equal(new JInteger(1), ((JObject)test.Record.Body.Model.Params["adapter_spec"]!)["max_tokens"]);
    }

    [SharedFact]
    public void Another_metric_can_be_the_item_score()
    {
        var run = HelmImporter.Import(Run("narrative_qa-model=openai_gpt2"), _key, "f1_score").Runs[0];
        Assert.Equal("helm:f1_score", run.Record.Body.Aggregate.Scorer);
        Assert.Equal(0.17424242424242425, run.Record.Body.Results.Average(r => r.Score), 12);
        Assert.Contains(run.Notes, n => n.Contains("more than one correct reference", StringComparison.Ordinal));
    }

    [SharedFact]
    public void The_model_is_not_part_of_the_benchmark_id() =>
        Assert.Equal("mmlu:subject=philosophy,method=multiple_choice_joint", HelmImporter.WithoutModel("mmlu:subject=philosophy,method=multiple_choice_joint,model=openai_gpt2"));

    [SharedFact]
    public void A_file_or_a_folder_of_another_harness_is_refused()
    {
        var e = Assert.Throws<ImportFormatException>(() => HelmImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), _key));
        Assert.Contains("expected a HELM run directory", e.Message, StringComparison.Ordinal);
        var folder = Path.GetDirectoryName(HarnessFiles.Results(HarnessFiles.NegotiationDate))!;
        e = Assert.Throws<ImportFormatException>(() => HelmImporter.Import(folder, _key));
        Assert.Contains("not a HELM run directory (no run_spec.json)", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void A_truncated_scenario_state_is_refused()
    {
        using var dir = new TempDir();
        foreach (var file in Directory.GetFiles(Run("narrative_qa-model=openai_gpt2"))) File.Copy(file, dir.File(Path.GetFileName(file)));
        var text = File.ReadAllText(dir.File("scenario_state.json"));
        File.WriteAllText(dir.File("scenario_state.json"), text[..(text.Length / 2)]);
        var e = Assert.Throws<ImportFormatException>(() => HelmImporter.Import(dir.Path, _key));
        Assert.Equal(dir.File("scenario_state.json"), e.File);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }
}
