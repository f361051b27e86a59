using System.IO.Compression;
using System.Text.Json;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Import.Inspect;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Core.Tests.Import;

public sealed class InspectImportTests : IDisposable
{
    private readonly Ed25519KeyPair _key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);

    public void Dispose() => _key.Dispose();

    public static TheoryData<string> Logs() => new()
    {
        "2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval", "2025-05-12T20-28-26-04-00_security-guide.json",
        "data_arc_qwen.json", "data_pubmedqa_gpt4o_mini.json", "log_message_deduplication.eval", "log_read_sample.eval",
        "log_read_sample.json", "mmlu-summary-choices.eval",
    };

    private static string Log(string name) => SharedData.Path("harness-data", "inspect", name);

    /// <summary>The samples of a log read independently: the .eval zip's samples/*.json, or the .json log's samples array.</summary>
    private static List<JsonElement> SamplesOf(string path)
    {
        if (path.EndsWith(".json", StringComparison.Ordinal)) return HarnessFiles.Json(path).GetProperty("samples").EnumerateArray().ToList();
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Where(e => e.FullName.StartsWith("samples/", StringComparison.Ordinal))
            .Select(e => { using var s = e.Open(); return JsonDocument.Parse(s).RootElement.Clone(); }).ToList();
    }

    private static double LetterOrNumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() switch { "C" => 1.0, "P" => 0.5, _ => 0.0 },
        JsonValueKind.True => 1.0,
        JsonValueKind.False => 0.0,
        _ => value.GetDouble(),
    };

    [SharedTheory]
    [MemberData(nameof(Logs))]
    public void Every_log_imports_with_its_samples_and_scores(string name)
    {
        var samples = SamplesOf(Log(name));
        var import = InspectImporter.Import(Log(name), _key);
        var run = Assert.Single(import.Runs);
        var scorer = samples[0].GetProperty("scores").EnumerateObject().First().Name;
        var expected = samples.ToDictionary(s => s.GetProperty("id").ToString(), s => LetterOrNumber(s.GetProperty("scores").GetProperty(scorer).GetProperty("value")));
        Assert.Equal(expected.Count, run.Record.Body.Results.Count);
        foreach (var result in run.Record.Body.Results) Assert.Equal(expected[result.TaskId], result.Score);
        Assert.Equal(SchemaVersions.Verievals, run.Record.Body.SchemaVersion);
        var report = RecordVerifier.Verify(JsonParser.Parse(run.Record.ToFileText()), VerificationInputs.None);
        Assert.True(report.Verified, string.Join("; ", report.Lines()));
        // The headline accuracy Inspect wrote is what the imported items give.
        var accuracy = run.SourceAggregates.Single(a => a.Metric == "accuracy");
        Assert.True(accuracy.Agrees, $"source {accuracy.SourceValue}, items {accuracy.ItemValue}");
    }

    [SharedFact]
    public void Multiple_choice_records_the_chosen_and_the_target_option_text_and_the_stop_reason()
    {
        var run = Assert.Single(InspectImporter.Import(Log("mmlu-summary-choices.eval"), _key).Runs);
        var result = Assert.Single(run.Record.Body.Results);
        Assert.Equal(("12.2 eV", "6.0 e", 0.0, false), (result.Output, result.Expected, result.Score, result.Passed));
        Assert.StartsWith("Answer the following multiple choice question.", result.Prompt, StringComparison.Ordinal);
        var model = run.Record.Body.Model;
        Assert.Equal(("openai", "gpt-4o", "gpt-4o-2024-08-06"), (model.Provider, model.Name, model.Version));
        Assert.Equal("{\"max_tokens\":5,\"temperature\":0.0}", CanonicalJson.Serialize(model.Params["generate_config"]!));
        var facts = (JObject)((JObject)model.Params["item_facts"]!)["1"]!;
        Assert.Equal("stop", ((JString)facts["finish_reason"]!).Value);
        Assert.Equal(new JInteger(3), facts["output_tokens"]);
    }

    [SharedFact]
    public void The_json_and_eval_logs_of_the_same_task_give_the_same_benchmark_items()
    {
        var fromEval = Assert.Single(InspectImporter.Import(Log("log_read_sample.eval"), _key).Runs);
        var fromJson = Assert.Single(InspectImporter.Import(Log("log_read_sample.json"), _key).Runs);
        Assert.Equal(fromEval.Benchmark.ContentHash(), fromJson.Benchmark.ContentHash());
    }

    [SharedFact]
    public void Stop_reasons_map_to_the_record_vocabulary()
    {
        Assert.Equal("length", InspectImporter.FinishReason("max_tokens"));
        Assert.Equal("length", InspectImporter.FinishReason("model_length"));
        Assert.Equal("stop", InspectImporter.FinishReason("stop"));
        Assert.Equal("tool_calls", InspectImporter.FinishReason("tool_calls"));
    }

    [SharedFact]
    public void A_truncated_eval_zip_is_refused()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(Log("mmlu-summary-choices.eval"));
        var cut = dir.File("cut.eval");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<ImportFormatException>(() => InspectImporter.Import(cut, _key));
        Assert.Equal(cut, e.File);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [SharedFact]
    public void A_zip_without_header_is_a_running_or_cut_log()
    {
        using var dir = new TempDir();
        var path = dir.File("running.eval");
        File.Copy(Log("log_read_sample.eval"), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) zip.GetEntry("header.json")!.Delete();
        var e = Assert.Throws<ImportFormatException>(() => InspectImporter.Import(path, _key));
        Assert.Contains("no header.json", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void A_file_of_another_harness_is_refused()
    {
        var e = Assert.Throws<ImportFormatException>(() => InspectImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), _key));
        Assert.Contains("not an Inspect log", e.Message, StringComparison.Ordinal);
        Assert.Contains("lm-eval", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Two_imports_of_the_same_task_pair_in_the_audit_with_their_stop_reasons()
    {
        var a = Assert.Single(InspectImporter.Import(Log("log_read_sample.json"), _key).Runs).Record;
        var b = Assert.Single(InspectImporter.Import(Log("log_read_sample.eval"), _key).Runs).Record;
        var result = PairedAudit.Run(PairedInput.FromRecord(a), PairedInput.FromRecord(b), seed: 0);
        Assert.Equal(1, result.N);
        Assert.Equal("stop", PairedInput.FromRecord(a).Items[0].FinishReason);
        // Per-item facts, source digests and the source's random run id are not protocol differences.
        Assert.Empty(result.ProtocolDiff);
    }
}
