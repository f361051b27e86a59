using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Export.Eee;
using LedgerCluster.Core.Import.Eee;
using LedgerCluster.Core.Import.Helm;
using LedgerCluster.Core.Import.Inspect;
using LedgerCluster.Core.Import.LmEval;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Tests.Import;

namespace LedgerCluster.Core.Tests.Export;

/// <summary>
/// Records imported from the real lm-eval, EEE, Inspect and HELM files, and a `ledger run` record, exported to Every Eval
/// Ever v0.3.0: every aggregate and sidecar line validates against the bundled schemas, the sidecar's checksum and row
/// count are the file's, the uncertainty is the record's, and `ledger import eee` on the export gives the same items.
/// </summary>
public sealed class EeeExportTests
{
    private readonly Ed25519KeyPair _key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);

    private async Task<List<RunRecord>> RecordsAsync(TempDir dir) =>
    [
        .. LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), null, _key).Runs.Select(r => r.Record),
        .. LmEvalImporter.Import(HarnessFiles.Results(HarnessFiles.Gsm8kDate), null, _key).Runs.Select(r => r.Record),
        .. new[] { HarnessFiles.EeeBelief, HarnessFiles.EeeIntention, HarnessFiles.EeeMath, HarnessFiles.EeeDemo }
            .SelectMany(a => EeeImporter.Import(a, null, _key).Runs.Select(r => r.Record)),
        .. Directory.GetFiles(SharedData.Path("harness-data", "inspect")).Order(StringComparer.Ordinal)
            .SelectMany(log => InspectImporter.Import(log, _key).Runs.Select(r => r.Record)),
        .. Directory.GetDirectories(SharedData.Path("harness-data", "helm")).Order(StringComparer.Ordinal)
            .SelectMany(run => HelmImporter.Import(run, _key).Runs.Select(r => r.Record)),
        await LedgerRunRecordAsync(dir),
    ];

    /// <summary>A `ledger run` record: the real gemma3:1b responses on the verievals gsm8k benchmark.</summary>
    private static async Task<RunRecord> LedgerRunRecordAsync(TempDir dir)
    {
        var key = dir.Write("run.key", Kat.Rfc8032Test1Seed + "\n");
        var output = dir.File("run");
        var run = await CliRun.Of("run", "--benchmark", SharedData.Path("verievals", "benchmarks", "gsm8k"),
            "--model", "fixture:" + SharedData.Path("verievals", "fixtures", "gsm8k_gemma3_1b.json"), "--key", key, "--seed", "0", "--out", output);
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        return RunRecord.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(output, "*.json"))));
    }

    [SharedFact]
    public async Task Every_exported_aggregate_and_sidecar_line_validates_against_the_bundled_schemas()
    {
        using var dir = new TempDir();
        var records = await RecordsAsync(dir);
        Assert.True(records.Count >= 15, $"only {records.Count} records imported");
        var lines = 0;
        foreach (var record in records)
        {
            var files = EeeExporter.Export(record, new EeeLogPosition("signed"));
            var errors = EeeSchemas.AggregateErrors(files.AggregateText());
            Assert.True(errors.Count == 0, $"{record.Body.Benchmark.Id}: aggregate\n  {string.Join("\n  ", errors)}");
            foreach (var line in Encoding.UTF8.GetString(files.Sidecar).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var lineErrors = EeeSchemas.InstanceErrors(line);
                Assert.True(lineErrors.Count == 0, $"{record.Body.Benchmark.Id}: sidecar line\n  {string.Join("\n  ", lineErrors)}\n{line}");
                lines++;
            }
        }
        Assert.Equal(records.Sum(r => r.Body.Results.Count), lines);
    }

    [SharedFact]
    public void The_sidecar_checksum_and_total_rows_are_those_of_its_bytes_and_the_uncertainty_is_the_records()
    {
        // HELM MMLU philosophy, test split: 1 of 9 passed.
        var record = HelmImporter.Import(Helm("mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2"), _key).Runs
            .Single(r => r.Record.Body.Results.Count == 9).Record;
        var files = EeeExporter.Export(record, new EeeLogPosition("verified", 1, 42, "ledgercluster.local/shard/1", "http://gw.test/v1/records/x/proof"));
        using var aggregate = JsonDocument.Parse(files.AggregateText());
        var root = aggregate.RootElement;
        var detailed = root.GetProperty("detailed_evaluation_results");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files.Sidecar)), detailed.GetProperty("checksum").GetString());
        Assert.Equal(Encoding.UTF8.GetString(files.Sidecar).Count(c => c == '\n'), detailed.GetProperty("total_rows").GetInt32());
        Assert.Equal($"{files.Folder}/{files.Uuid}_samples.jsonl", detailed.GetProperty("file_path").GetString());

        var score = root.GetProperty("evaluation_results")[0].GetProperty("score_details");
        Assert.Equal(1.0 / 9, score.GetProperty("score").GetDouble(), 12);
        var uncertainty = score.GetProperty("uncertainty");
        // By hand: p = 1/9, n = 9, z = 1.959964.
        Assert.Equal(Math.Sqrt(1.0 / 9 * (8.0 / 9) / 9), uncertainty.GetProperty("standard_error").GetProperty("value").GetDouble(), 12);
        Assert.Equal("analytic", uncertainty.GetProperty("standard_error").GetProperty("method").GetString());
        var interval = uncertainty.GetProperty("confidence_interval");
        Assert.Equal(0.0199, interval.GetProperty("lower").GetDouble(), 4);
        Assert.Equal(0.4350, interval.GetProperty("upper").GetDouble(), 4);
        Assert.Equal("wilson", interval.GetProperty("method").GetString());
        Assert.Equal(9, uncertainty.GetProperty("num_samples").GetInt32());

        var details = root.GetProperty("source_metadata").GetProperty("additional_details");
        Assert.Equal(record.Id, details.GetProperty("record_id").GetString());
        Assert.Equal("1", details.GetProperty("log_shard").GetString());
        Assert.Equal("42", details.GetProperty("log_index").GetString());
        Assert.Equal("http://gw.test/v1/records/x/proof", details.GetProperty("proof_url").GetString());
        Assert.Equal("verified", details.GetProperty("trust_tier").GetString());
        // HELM's adapter_spec: temperature and max_tokens reach the EEE generation args.
        var args = root.GetProperty("evaluation_results")[0].GetProperty("generation_config").GetProperty("generation_args");
        Assert.True(args.TryGetProperty("temperature", out _), args.ToString());
        Assert.True(args.TryGetProperty("max_tokens", out _), args.ToString());
        // The same record and position give the same bytes.
        Assert.Equal(files.AggregateText(), EeeExporter.Export(record, new EeeLogPosition("verified", 1, 42, "ledgercluster.local/shard/1", "http://gw.test/v1/records/x/proof")).AggregateText());
    }

    [SharedFact]
    public void Sample_hash_follows_the_documented_recipe()
    {
        // FORMATS-NOTES 4c: {"raw":"What is 2 + 2?","reference":["4"]} gives 9c9430…; non-ASCII is \u-escaped as json.dumps does.
        Assert.Equal("{\"raw\":\"What is 2 + 2?\",\"reference\":[\"4\"]}",
            PythonAsciiJson.Serialize(new Core.Json.JObject { { "reference", new Core.Json.JArray("4") }, { "raw", "What is 2 + 2?" } }));
        Assert.Equal("\"caf\\u00e9 \\ud83d\\ude00\\n\"", PythonAsciiJson.Serialize(new Core.Json.JString("café 😀\n")));
        // The demo sidecar row was written with that recipe: the same inputs give its hash.
        var demo = HarnessFiles.Lines(HarnessFiles.SidecarOf(HarnessFiles.EeeDemo))[0];
        var demoPayload = PythonAsciiJson.Serialize(new Core.Json.JObject
        {
            { "raw", demo.GetProperty("input").GetProperty("raw").GetString()! }, { "reference", new Core.Json.JArray("4") },
        });
        Assert.Equal(demo.GetProperty("sample_hash").GetString(), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(demoPayload))));
        // An exported row (the demo imported: its prompt is the formatted one) hashes the payload json.dumps writes.
        var record = Assert.Single(EeeImporter.Import(HarnessFiles.EeeDemo, null, _key).Runs).Record;
        using var line = JsonDocument.Parse(Encoding.UTF8.GetString(EeeExporter.Export(record, new EeeLogPosition("signed")).Sidecar).Split('\n')[0]);
        const string payload = "{\"raw\":\"Q: What is 2 + 2?\\nA:\",\"reference\":[\"4\"]}";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(payload))), line.RootElement.GetProperty("sample_hash").GetString());
    }

    [SharedFact]
    public async Task Exported_then_imported_with_ledger_import_eee_gives_the_same_per_item_results()
    {
        using var dir = new TempDir();
        var records = await RecordsAsync(dir);
        foreach (var record in records)
        {
            var files = EeeExporter.Export(record, new EeeLogPosition("signed"));
            var folder = Path.Combine(dir.Path, files.Folder);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, files.Uuid + "_samples.jsonl"), files.Sidecar);
            File.WriteAllText(Path.Combine(folder, files.Uuid + ".json"), files.AggregateText());

            var again = Assert.Single(EeeImporter.Import(Path.Combine(folder, files.Uuid + ".json"), null, _key).Runs);
            Assert.All(again.Checks, c => Assert.True(c.Passed == true, $"{record.Body.Benchmark.Id}: {c.Name} {c.Detail}"));
            var before = record.Body.Results;
            var after = again.Record.Body.Results;
            Assert.Equal(before.Count, after.Count);
            for (var i = 0; i < before.Count; i++)
            {
                var where = $"{record.Body.Benchmark.Id} item {before[i].TaskId}";
                Assert.True(before[i].TaskId == after[i].TaskId, where);
                Assert.True(before[i].Prompt == after[i].Prompt, where + " prompt");
                Assert.True(before[i].Output == after[i].Output, where + " output");
                Assert.True(before[i].Expected == after[i].Expected, where + " expected");
                Assert.True(before[i].Score == after[i].Score, where + " score");
                Assert.True(before[i].Passed == after[i].Passed, where + " passed");
            }
            Assert.Equal(record.Body.Aggregate.Accuracy, again.Record.Body.Aggregate.Accuracy);
            Assert.Equal(record.Body.Model.Version, again.Record.Body.Model.Version);
        }
    }

    private static string Helm(string run) => SharedData.Path("harness-data", "helm", run);
}
