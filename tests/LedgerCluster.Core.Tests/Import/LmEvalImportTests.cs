using System.Text.Json;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Import.LmEval;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Core.Tests.Import;

public sealed class LmEvalImportTests : IDisposable
{
    private readonly Ed25519KeyPair _key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);

    public void Dispose() => _key.Dispose();

    [SharedFact]
    public void Every_task_of_the_negotiation_run_imports_with_the_items_and_scores_of_its_samples_file()
    {
        var import = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), null, _key);
        var source = HarnessFiles.Json(HarnessFiles.Results(HarnessFiles.NegotiationDate)).GetProperty("results");
        var metrics = new Dictionary<string, string> { ["negotiationtom_belief"] = "acc", ["negotiationtom_desire"] = "acc", ["negotiationtom_intention"] = "exact_match" };
        Assert.Equal(metrics.Keys.Select(t => $"{t} filter none"), import.Runs.Select(r => r.Task));
        foreach (var (task, metric) in metrics)
        {
            var rows = HarnessFiles.Lines(HarnessFiles.Samples(task, HarnessFiles.NegotiationDate));
            var run = import.Runs.Single(r => r.Task == $"{task} filter none");
            var results = run.Record.Body.Results;
            Assert.Equal(rows.Count, results.Count);
            Assert.Equal(rows.Select(r => r.GetProperty("doc_id").GetInt32().ToString()), results.Select(r => r.TaskId));
            Assert.Equal(rows.Select(r => r.GetProperty(metric).GetDouble()), results.Select(r => r.Score));
            Assert.Equal(rows.Select(r => r.GetProperty("arguments").GetProperty("gen_args_0").GetProperty("arg_0").GetString()), results.Select(r => r.Prompt));
            Assert.Equal(source.GetProperty(task).GetProperty($"{metric},none").GetDouble(), run.Record.Body.Aggregate.Accuracy, 12);
            Assert.Equal($"lm-eval:{metric},none", run.Record.Body.Aggregate.Scorer);
            Assert.Equal(SchemaVersions.Verievals, run.Record.Body.SchemaVersion);
            Assert.False(run.Partial);
        }
        Assert.Contains(import.NotImported, n => n.StartsWith("negotiationtom:", StringComparison.Ordinal));
    }

    [SharedFact]
    public void The_hash_checks_pass_on_the_complete_samples_files()
    {
        var import = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), null, _key);
        foreach (var run in import.Runs)
        {
            Assert.Equal(["doc_hash", "prompt_hash", "target_hash", "task_hash"], run.Checks.Select(c => c.Name));
            Assert.All(run.Checks, c => Assert.True(c.Passed, c.ToString()));
        }
    }

    [SharedFact]
    public void The_cut_gsm8k_file_is_recorded_as_3_of_1319_and_never_as_the_full_benchmark()
    {
        var import = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.Gsm8kDate), null, _key);
        var run = Assert.Single(import.Runs);
        Assert.Equal("gsm8k filter strict-match", run.Task);
        Assert.Equal(3, run.ItemsRecorded);
        Assert.Equal(1319, run.ItemsInTask);
        Assert.True(run.Partial);
        Assert.Equal("3 of 1,319 items (partial)", run.Coverage);
        Assert.Equal("3.0-partial-3of1319", run.Benchmark.Version);
        Assert.Equal(3, run.Record.Body.Results.Count);
        var items = (JObject)run.Record.Body.Model.Params["items"]!;
        Assert.Equal(new JObject { { "recorded", 3 }, { "in_task", 1319 }, { "partial", true } }, items, JValueComparer);
        Assert.All(run.Checks.Take(3), c => Assert.True(c.Passed, c.ToString()));
        Assert.Null(run.Checks.Single(c => c.Name == "task_hash").Passed);
        Assert.Contains(import.NotImported, n => n.Contains("flexible-extract", StringComparison.Ordinal));
        // The outputs are the raw generations and the expected answers the whole gsm8k solutions, read independently.
        var rows = HarnessFiles.Lines(HarnessFiles.Samples("gsm8k", HarnessFiles.Gsm8kDate));
        Assert.Equal(rows.Select(r => r.GetProperty("resps")[0][0].GetString()), run.Record.Body.Results.Select(r => r.Output));
        Assert.Equal(rows.Select(r => r.GetProperty("target").GetString()), run.Record.Body.Results.Select(r => r.Expected));
    }

    [SharedFact]
    public void Multiple_choice_items_record_the_chosen_and_the_gold_option_text()
    {
        var import = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate),
            [HarnessFiles.Samples("negotiationtom_belief", HarnessFiles.NegotiationDate)], _key);
        var run = Assert.Single(import.Runs);
        var rows = HarnessFiles.Lines(HarnessFiles.Samples("negotiationtom_belief", HarnessFiles.NegotiationDate));
        for (var i = 0; i < rows.Count; i++)
        {
            var arguments = rows[i].GetProperty("arguments");
            var choices = Enumerable.Range(0, arguments.EnumerateObject().Count()).Select(c => arguments.GetProperty($"gen_args_{c}").GetProperty("arg_1").GetString()).ToList();
            var logLikelihoods = rows[i].GetProperty("filtered_resps").EnumerateArray().Select(p => double.Parse(p[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var chosen = logLikelihoods.IndexOf(logLikelihoods.Max());
            var result = run.Record.Body.Results[i];
            Assert.Equal(choices[chosen], result.Output);
            Assert.Equal(choices[int.Parse(rows[i].GetProperty("target").GetString()!)], result.Expected);
            // acc is 1 exactly when the chosen option is the gold one.
            Assert.Equal(result.Output == result.Expected, result.Passed);
        }
        Assert.Equal(2, import.NotImported.Count(n => n.Contains("no samples file given", StringComparison.Ordinal)));
    }

    [SharedFact]
    public void Corpus_metrics_are_named_in_the_record_and_the_summary()
    {
        var import = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate),
            [HarnessFiles.Samples("negotiationtom_intention", HarnessFiles.NegotiationDate)], _key);
        var run = Assert.Single(import.Runs);
        Assert.Equal(new JArray("micro_f1", "macro_f1"), run.Record.Body.Model.Params["corpus_metrics_without_item_scores"]);
        Assert.Contains(run.SourceAggregates, a => a.Metric == "micro_f1,none" && a.ItemValue is null);
        Assert.Contains(run.SourceAggregates, a => a.Metric == "exact_match,none" && a.Agrees);
        Assert.Contains(run.Notes, n => n.Contains("corpus metrics", StringComparison.Ordinal));
        Assert.Equal("not recorded by lm-eval", ((JString)run.Record.Body.Model.Params["finish_reason"]!).Value);
    }

    [SharedFact]
    public void Generation_settings_and_source_file_hashes_are_in_the_hashed_params()
    {
        var import = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.MathDate), [HarnessFiles.Samples("math_perturbed_full", HarnessFiles.MathDate)], _key);
        var run = Assert.Single(import.Runs);
        var model = run.Record.Body.Model;
        Assert.Equal(("hf", "RylanSchaeffer/mem_Qwen3-93M_minerva_math_rep_0_sbst_1.0000_epch_1_ot_1", "82047f5e5d5245c1b3a4cd75ad98aa441d6487cd"), (model.Provider, model.Name, model.Version));
        var kwargs = (JObject)model.Params["generation_kwargs"]!;
        Assert.Equal(new JInteger(512), kwargs["max_gen_toks"]);
        Assert.Equal(new JFloat(0.0), kwargs["temperature"]);
        Assert.Equal("0.4.9.2", ((JString)model.Params["harness_version"]!).Value);
        Assert.Equal("torch.bfloat16", ((JString)model.Params["model_dtype"]!).Value);
        var files = (JObject)model.Params["source_files"]!;
        foreach (var name in files.Keys)
            Assert.Equal(Hashing.ContentHash.Sha256Hex(File.ReadAllBytes(HarnessFiles.LmEval(name))), ((JString)files[name]!).Value);
        Assert.Equal("10 of 5,000 items (partial)", run.Coverage);
        Assert.Contains(import.NotImported, n => n.StartsWith("math_rephrased_full", StringComparison.Ordinal));
    }

    [SharedFact]
    public void Imported_records_verify_and_their_written_benchmarks_give_the_pinned_hash()
    {
        using var dir = new TempDir();
        foreach (var date in new[] { HarnessFiles.NegotiationDate, HarnessFiles.Gsm8kDate })
        {
            foreach (var run in LmEvalImporter.Import(HarnessFiles.Results(date), null, _key).Runs)
            {
                var report = RecordVerifier.Verify(JsonParser.Parse(run.Record.ToFileText()), VerificationInputs.None);
                Assert.True(report.Verified, string.Join("; ", report.Lines()));
                Assert.Null(report.Contradiction);
                var folder = Path.Combine(dir.Path, run.Benchmark.Id);
                BenchmarkWriter.Write(run.Benchmark, folder);
                Assert.Equal(run.Record.Body.Benchmark.ContentHash, BenchmarkLoader.Load(folder).ContentHash());
                Assert.Equal(run.Record.Id, RunRecord.Parse(run.Record.ToFileText()).Id);
            }
        }
    }

    [SharedFact]
    public void The_same_files_give_the_same_record_ids()
    {
        var first = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), null, _key);
        var second = LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), null, _key);
        Assert.Equal(first.Runs.Select(r => r.Record.Id), second.Runs.Select(r => r.Record.Id));
    }

    [SharedFact]
    public void A_file_of_another_harness_is_refused_naming_it()
    {
        var e = Assert.Throws<ImportFormatException>(() => LmEvalImporter.Import(HarnessFiles.EeeBelief, null, _key));
        Assert.Equal(HarnessFiles.EeeBelief, e.File);
        Assert.Contains("not an lm-eval results file", e.Message, StringComparison.Ordinal);
        Assert.Contains("Every Eval Ever", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [SharedFact]
    public void A_truncated_results_or_samples_file_is_refused()
    {
        using var dir = new TempDir();
        var results = File.ReadAllText(HarnessFiles.Results(HarnessFiles.NegotiationDate));
        var cut = dir.Write($"results_{HarnessFiles.NegotiationDate}.json", results[..(results.Length / 2)]);
        var e = Assert.Throws<ImportFormatException>(() => LmEvalImporter.Import(cut, null, _key));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);

        var whole = dir.Write($"results_{HarnessFiles.Gsm8kDate}.json", File.ReadAllText(HarnessFiles.Results(HarnessFiles.Gsm8kDate)));
        var samples = File.ReadAllText(HarnessFiles.Samples("gsm8k", HarnessFiles.Gsm8kDate));
        var cutSamples = dir.Write($"samples_gsm8k_{HarnessFiles.Gsm8kDate}.jsonl", samples[..(samples.Length - 200)]);
        e = Assert.Throws<ImportFormatException>(() => LmEvalImporter.Import(whole, [cutSamples], _key));
        Assert.Equal(cutSamples, e.File);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void A_samples_file_of_another_run_is_refused()
    {
        var e = Assert.Throws<ImportFormatException>(() => LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate),
            [HarnessFiles.Samples("gsm8k", HarnessFiles.Gsm8kDate)], _key));
        Assert.Contains("a samples file of another run", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void A_results_file_whose_samples_are_missing_is_refused()
    {
        var e = Assert.Throws<ImportFormatException>(() => LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.MathDate), null, _key));
        Assert.Equal(HarnessFiles.Results(HarnessFiles.MathDate), e.File);
        Assert.Contains("the samples of task \"math_rephrased_full\" are missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_indented_json_matches_json_dumps_with_indent_2()
    {
        var doc = JsonParser.Parse("{\"b\": [1, 2.5, {}], \"a\": {\"x\": \"é\\n\"}, \"c\": [], \"d\": null, \"e\": true, \"f\": 1e-05}");
        Assert.Equal("{\n  \"b\": [\n    1,\n    2.5,\n    {}\n  ],\n  \"a\": {\n    \"x\": \"é\\n\"\n  },\n  \"c\": [],\n  \"d\": null,\n  \"e\": true,\n  \"f\": 1e-05\n}",
            PythonIndentedJson.Format(doc));
    }

    [Fact]
    public void The_target_hash_of_the_string_3_is_the_documented_one() =>
        Assert.Equal("4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce", LmEvalHashes.Target("3"));

    private static readonly IEqualityComparer<JObject> JValueComparer =
        EqualityComparer<JObject>.Create((a, b) => CanonicalJson.Serialize(a!) == CanonicalJson.Serialize(b!), o => o.Count);
}
