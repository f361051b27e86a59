using System.Globalization;
using System.Text.Json;
using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Export.HuggingFace;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Tests.Import;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LedgerCluster.Core.Tests.Export.HuggingFace;

/// <summary>
/// `ledger export --format hf-eval-results`: records imported from the real harness files become `.eval_results/*.yaml`
/// that YamlDotNet parses and that meet every rule the hub spec states (read from the spec's template), in the shape of
/// the real example files (hf/Ch3nOff-dual-loop-controller), with values read back against the records themselves.
/// </summary>
public sealed class HfEvalResultsExportTests
{
    private const string PublicBase = "https://ledger.example.org";

    private static string Key(TempDir dir) => dir.Write("test.key", Kat.Rfc8032Test1Seed + "\n");

    private static HubEvalResultsSpec Spec() => HubEvalResultsSpec.Read(SharedData.Path("harness-data", "hf", "eval_results.yaml"));

    private static string[] RealExamples() =>
        Directory.GetFiles(SharedData.Path("harness-data", "hf", "Ch3nOff-dual-loop-controller"), "*.yaml").Order(StringComparer.Ordinal).ToArray();

    private static async Task<string> ImportNegotiationAndGsm8k(TempDir dir, string? gateway = null)
    {
        var output = dir.File("imported");
        string[] extra = gateway is null ? [] : ["--gateway", gateway];
        foreach (var date in new[] { HarnessFiles.NegotiationDate, HarnessFiles.Gsm8kDate })
        {
            var run = await CliRun.Of(["import", "lm-eval", HarnessFiles.Results(date), "--key", Key(dir), "--out", output, .. extra]);
            Assert.True(run.ExitCode == 0, run.Out + run.Error);
        }
        return output;
    }

    [SharedFact]
    public void The_spec_reader_finds_the_stated_rules_and_the_real_example_files_meet_them()
    {
        var spec = Spec();
        Assert.Equal(["dataset", "dataset.id", "dataset.revision", "dataset.task_id", "date", "notes", "source", "source.name", "source.org", "source.url", "source.user", "value", "verifyToken"],
            spec.Keys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["dataset", "dataset.id", "dataset.task_id", "source.url", "value"], spec.Keys.Where(k => k.Value).Select(k => k.Key).Order(StringComparer.Ordinal));
        foreach (var file in RealExamples())
        {
            var entries = HubEvalResultsSpec.Entries(file);
            foreach (var entry in entries.Children.Cast<YamlMappingNode>()) spec.Check(entry, file);
            // One Hub dataset per file (ai2_arc.yaml holds ARC-Easy and ARC-Challenge), as the export groups them.
            Assert.Single(entries.Children.Cast<YamlMappingNode>().Select(e => HubEvalResultsSpec.Scalar(e, "dataset.id")).Distinct());
        }
    }

    [SharedFact]
    public async Task Offline_export_meets_every_rule_of_the_hub_spec_field_by_field()
    {
        using var dir = new TempDir();
        var imported = await ImportNegotiationAndGsm8k(dir);
        var output = dir.File("model-repo");
        var run = await CliRun.Of("export", "--format", "hf-eval-results", "--records", imported, "--out", output, "--min-tier", "signed",
            "--base-url", PublicBase + "/", "--dataset", "lm-eval-negotiationtom_belief=acme/negotiationtom:belief@5503434ddd753f426f4b38109466949a1217c2bb");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("partial: record e08ccabd5286 covers 3 of 1,319 items (partial)", run.Out, StringComparison.Ordinal);

        var entries = CheckFolder(output, imported, id => $"{PublicBase}/records/{id}", 100.0);
        Assert.Equal(3, entries.Count);
        // The cut gsm8k file (3 of 1,319) is no score on gsm8k and is left out.
        Assert.DoesNotContain(entries, e => HubEvalResultsSpec.Scalar(e, "dataset.task_id") == "gsm8k");
        var belief = Assert.Single(entries, e => HubEvalResultsSpec.Scalar(e, "dataset.id") == "acme/negotiationtom");
        Assert.Equal("belief", HubEvalResultsSpec.Scalar(belief, "dataset.task_id"));
        Assert.Equal("5503434ddd753f426f4b38109466949a1217c2bb", HubEvalResultsSpec.Scalar(belief, "dataset.revision"));
        Assert.Equal("45.0", HubEvalResultsSpec.Scalar(belief, "value"));
        Assert.True(File.Exists(Path.Combine(output, ".eval_results", "acme--negotiationtom.yaml")));
        Assert.Empty(Directory.GetDirectories(output, ".eval_results.partial-*"));
    }

    [SharedFact]
    public async Task An_export_from_a_live_node_links_each_entry_to_the_node_record_page()
    {
        using var dir = new TempDir();
        await using var node = await EmbeddedNode.StartAsync(2, CancellationToken.None);
        var imported = await ImportNegotiationAndGsm8k(dir, node.Url);
        var output = dir.File("model-repo");
        var run = await CliRun.Of("export", "--format", "hf-eval-results", "--gateway", node.Url, "--out", output, "--min-tier", "signed", "--json");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var summary = (JObject)JsonParser.Parse(run.Out);
        Assert.Equal(new JInteger(4), summary["records_read"]);

        var gateway = node.Url.TrimEnd('/');
        var entries = CheckFolder(output, imported, id => $"{gateway}/records/{id}", 100.0);
        Assert.Equal(3, entries.Count);
        using var client = new LedgerGatewayClient(node.Url);
        using var http = new HttpClient();
        foreach (var entry in entries)
        {
            var url = HubEvalResultsSpec.Scalar(entry, "source.url");
            var id = url[(url.LastIndexOf('/') + 1)..];
            var page = await http.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(id, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // The notes carry the cluster's tier and the record's log position, as the node serves them.
            var view = (await client.GetRecordAsync(id))!;
            var notes = HubEvalResultsSpec.Scalar(entry, "notes");
            Assert.Contains($"tier {((JString)view["tier"]!).Value} ", notes, StringComparison.Ordinal);
            if (((JString)view["tier"]!).Value == "verified")
                Assert.Contains($"shard {view["shard"]} index {view["index"]}", notes, StringComparison.Ordinal);
        }
    }

    [SharedFact]
    public async Task Records_of_two_models_need_a_model_choice_and_fraction_writes_values_in_0_1()
    {
        using var dir = new TempDir();
        var imported = await ImportNegotiationAndGsm8k(dir);
        var inspect = await CliRun.Of("import", "inspect", SharedData.Path("harness-data", "inspect", "2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval"),
            "--key", Key(dir), "--out", imported);
        Assert.True(inspect.ExitCode == 0, inspect.Out + inspect.Error);
        var output = dir.File("model-repo");

        var mixed = await CliRun.Of("export", "--format", "hf-eval-results", "--records", imported, "--out", output, "--min-tier", "signed");
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("choose one with --model", Assert.Single(mixed.Error.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));

        var qwen = await CliRun.Of("export", "--format", "hf-eval-results", "--records", imported, "--out", output, "--min-tier", "signed",
            "--model", "Qwen/Qwen3-8B", "--scale", "fraction");
        Assert.True(qwen.ExitCode == 0, qwen.Out + qwen.Error);
        Assert.Contains("no --base-url: the entries have no source link", qwen.Out, StringComparison.Ordinal);
        var entries = CheckFolder(output, imported, null, 1.0);
        Assert.Equal(["0.2", "0.45", "0.6"], entries.Select(e => HubEvalResultsSpec.Scalar(e, "value")).Order(StringComparer.Ordinal));

        // The Inspect run alone: its dataset is named in the log, its task without the registry prefix.
        var other = dir.File("other-repo");
        var mini = await CliRun.Of("export", "--format", "hf-eval-results", "--records", imported, "--out", other, "--min-tier", "signed",
            "--model", "gpt-4o-mini", "--base-url", PublicBase);
        Assert.True(mini.ExitCode == 0, mini.Out + mini.Error);
        var popularity = Assert.Single(CheckFolder(other, imported, id => $"{PublicBase}/records/{id}", 100.0));
        Assert.Equal("popularity", HubEvalResultsSpec.Scalar(popularity, "dataset.task_id"));
        Assert.Equal("80.0", HubEvalResultsSpec.Scalar(popularity, "value"));
    }

    public static TheoryData<string[], string> BadFlags() => new()
    {
        { ["--records", "R", "--gateway", "http://127.0.0.1:9"], "exactly one of --records DIR and --gateway URL" },
        { [], "exactly one of --records DIR and --gateway URL" },
        { ["--records", "R", "--base-url", "ftp://example.org"], "--base-url: 'ftp://example.org' is not an http(s) URL" },
        { ["--records", "R", "--dataset", "no-equals-sign"], "--dataset: 'no-equals-sign' is not BENCHMARK=DATASET_ID" },
        { ["--records", "R", "--dataset", "b=not a hub id"], "is not a Hub dataset id" },
        { ["--records", "R", "--exclude-contaminated", "R"], "--exclude-contaminated applies to the training formats" },
        { ["--records", "R", "--min-tier", "gold"], "--min-tier: 'gold' is not a tier" },
        { ["--records", "R", "--scale", "permille"], "--scale: 'permille' is not percent or fraction" },
        { ["--records", "missing-dir"], "--records: directory not found" },
        { ["--records", "R", "--out-is-a-file"], "is a file; give a directory" },
        { ["--records", "R", "--sft-with-model"], "--model applies to --format hf-eval-results only" },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public async Task Bad_flags_exit_2_with_one_line_and_write_nothing(string[] flags, string problem)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("R"));
        var output = dir.File("out");
        var format = "hf-eval-results";
        var args = new List<string>();
        foreach (var flag in flags)
        {
            switch (flag)
            {
                case "R": args.Add(dir.File("R")); break;
                case "missing-dir": args.Add(dir.File("missing")); break;
                case "--out-is-a-file": output = dir.Write("file.txt", "x"); break;
                case "--sft-with-model": (format, output) = ("sft", dir.File("out.jsonl")); args.AddRange(["--model", "m"]); break;
                default: args.Add(flag); break;
            }
        }
        var run = await CliRun.Of(["export", "--format", format, "--out", output, .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(problem, Assert.Single(run.Error.TrimEnd('\n').Split('\n')), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    /// <summary>
    /// Every file under `.eval_results/`: YAML that parses, named after its one dataset, each entry meeting the spec's
    /// rules, scalars in the styles of the real example files, and each value, date and link read back against its record.
    /// </summary>
    private static List<YamlMappingNode> CheckFolder(string output, string records, Func<string, string>? recordPage, double maxValue)
    {
        var spec = Spec();
        var reference = (YamlMappingNode)HubEvalResultsSpec.Entries(RealExamples()[0]).Children[0];
        var folder = Path.Combine(output, ".eval_results");
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(output), p => Path.GetFileName(p) != ".eval_results");
        var all = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            Assert.Equal(".yaml", Path.GetExtension(file));
            YamlSequenceNode entries;
            try { entries = HubEvalResultsSpec.Entries(file); }
            catch (YamlException e) { throw new Xunit.Sdk.XunitException($"{file} is not YAML: {e.Message}"); }
            var ids = entries.Children.Cast<YamlMappingNode>().Select(e => HubEvalResultsSpec.Scalar(e, "dataset.id")).Distinct().ToList();
            Assert.Equal(HfEvalResultsExporter.FileName(Assert.Single(ids)), Path.GetFileName(file));
            foreach (var entry in entries.Children.Cast<YamlMappingNode>())
            {
                spec.Check(entry, file);
                CheckAgainstRecord(entry, reference, records, recordPage, maxValue);
                all.Add(entry);
            }
        }
        return all;
    }

    private static void CheckAgainstRecord(YamlMappingNode entry, YamlMappingNode reference, string records, Func<string, string>? recordPage, double maxValue)
    {
        // Same node kinds and scalar styles as the real file: value a plain number, date a quoted string, dataset/source mappings.
        foreach (var key in new[] { "dataset", "value", "date", "source", "notes" })
            if (HubEvalResultsSpec.Child(entry, key) is { } node)
                Assert.Equal(HubEvalResultsSpec.Child(reference, key)!.NodeType, node.NodeType);
        var value = (YamlScalarNode)HubEvalResultsSpec.Child(entry, "value")!;
        Assert.Equal(((YamlScalarNode)HubEvalResultsSpec.Child(reference, "value")!).Style, value.Style);
        var number = double.Parse(value.Value!, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.InRange(number, 0.0, maxValue);
        var date = (YamlScalarNode)HubEvalResultsSpec.Child(entry, "date")!;
        Assert.Equal(ScalarStyle.DoubleQuoted, date.Style);
        Assert.Equal(((YamlScalarNode)HubEvalResultsSpec.Child(reference, "date")!).Style, date.Style);
        Assert.Null(HubEvalResultsSpec.Child(entry, "verifyToken"));

        // The record, read with System.Text.Json, not through the exporter's model.
        var notes = HubEvalResultsSpec.Scalar(entry, "notes");
        var id = notes.Split(' ')[3].TrimEnd(',');
        Assert.Matches("^[0-9a-f]{64}$", id);
        using var record = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(records, id + ".json")));
        var accuracy = record.RootElement.GetProperty("body").GetProperty("aggregate").GetProperty("metrics").GetProperty("accuracy").GetDouble();
        Assert.Equal(Math.Round(accuracy * maxValue, maxValue > 1 ? 2 : 4), number);
        var createdAt = DateTimeOffset.Parse(record.RootElement.GetProperty("envelope").GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
        var written = DateTimeOffset.Parse(date.Value!, CultureInfo.InvariantCulture);
        Assert.Equal(createdAt.ToUnixTimeSeconds(), written.ToUnixTimeSeconds());
        Assert.Contains(record.RootElement.GetProperty("body").GetProperty("benchmark").GetProperty("content_hash").GetString()!, notes, StringComparison.Ordinal);
        if (recordPage is null) Assert.Null(HubEvalResultsSpec.Child(entry, "source"));
        else Assert.Equal(recordPage(id), HubEvalResultsSpec.Scalar(entry, "source.url"));
        Assert.DoesNotContain("verifyToken", notes, StringComparison.Ordinal);
    }
}
