using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Tests.Import;

namespace LedgerCluster.Core.Tests.Cli;

public sealed class HarnessImportCommandTests
{
    private static string Key(TempDir dir) => dir.Write("test.key", Kat.Rfc8032Test1Seed + "\n");

    [SharedFact]
    public async Task Lm_eval_import_writes_records_and_benchmarks_that_verify_and_hash()
    {
        using var dir = new TempDir();
        var output = dir.File("out");
        var run = await CliRun.Of("import", "lm-eval", HarnessFiles.Results(HarnessFiles.Gsm8kDate), "--key", Key(dir), "--out", output, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var summary = (JObject)JsonParser.Parse(run.Out);
        var entry = (JObject)Assert.Single(((JArray)summary["runs"]!).Items);
        Assert.Equal("{\"in_task\":1319,\"partial\":true,\"recorded\":3}", CanonicalJson.Serialize(entry["items"]!));
        Assert.Equal(["ok", "ok", "ok", "not checkable"], ((JArray)entry["checks"]!).Items.Select(c => ((JString)((JObject)c)["status"]!).Value));
        var recordPath = ((JString)entry["record_path"]!).Value;
        var verify = await CliRun.Of("verify", recordPath);
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
        var benchmark = (JObject)entry["benchmark"]!;
        var hash = await CliRun.Of("benchmark", "hash", ((JString)benchmark["path"]!).Value);
        Assert.Equal(0, hash.ExitCode);
        Assert.Contains(((JString)benchmark["content_hash"]!).Value, hash.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(dir.Path, ".out.import-*", SearchOption.TopDirectoryOnly));
    }

    [SharedFact]
    public async Task With_a_gateway_each_record_is_logged_with_its_tier_its_benchmark_registers_and_it_is_on_the_board()
    {
        using var dir = new TempDir();
        await using var node = await EmbeddedNode.StartAsync(2, CancellationToken.None);
        var run = await CliRun.Of("import", "helm", SharedData.Path("harness-data", "helm", "mmlu-subject=philosophy,method=multiple_choice_joint,model=openai_gpt2"),
            "--key", Key(dir), "--out", dir.File("out"), "--gateway", node.Url, "--json");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var runs = ((JArray)((JObject)JsonParser.Parse(run.Out))["runs"]!).Items.Cast<JObject>().ToList();
        Assert.Equal(2, runs.Count);
        using var client = new LedgerGatewayClient(node.Url);
        // A logged record reaches the board a moment after its proof is returned: read until both are there (or 30 s).
        var ids = runs.Select(r => ((JString)r["record_id"]!).Value).ToList();
        var board = await client.GetLeaderboardAsync();
        for (var waited = 0; waited < 300 && !ids.All(CanonicalJson.Serialize(board).Contains); waited++)
        {
            await Task.Delay(100);
            board = await client.GetLeaderboardAsync();
        }
        foreach (var entry in runs)
        {
            var submission = (JObject)entry["submission"]!;
            Assert.Equal(new JInteger(200), submission["status"]);
            Assert.False(string.IsNullOrEmpty(((JString)submission["tier"]!).Value));
            var id = ((JString)entry["record_id"]!).Value;
            Assert.NotNull(await client.GetRecordAsync(id));
            Assert.Contains(id, CanonicalJson.Serialize(board), StringComparison.Ordinal);
            var register = await CliRun.Of("benchmark", "register", ((JString)((JObject)entry["benchmark"]!)["path"]!).Value, "--gateway", node.Url);
            Assert.True(register.ExitCode == 0, register.Out + register.Error);
        }
    }

    [SharedFact]
    public async Task The_text_summary_shows_n_of_N_and_the_checks()
    {
        using var dir = new TempDir();
        var run = await CliRun.Of("import", "eee", HarnessFiles.EeeMath, "--key", Key(dir), "--out", dir.File("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("math_perturbed_full: 10 of 5,000 items (partial)", run.Out, StringComparison.Ordinal);
        Assert.Contains("checksum: ok", run.Out, StringComparison.Ordinal);
        Assert.Contains("total_rows: ok", run.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "lm-eval-given-eee", "not an lm-eval results file" },
        { "lm-eval-truncated", "is the file truncated?" },
        { "lm-eval-samples-of-another-run", "a samples file of another run" },
        { "lm-eval-samples-missing", "are missing" },
        { "eee-given-lm-eval", "not an Every Eval Ever aggregate" },
        { "eee-sidecar-of-another-evaluation", "a sidecar of another evaluation" },
        { "eee-no-per-item-results", "no per-item results" },
        { "inspect-truncated-zip", "is the file truncated?" },
        { "inspect-given-eee", "not an Inspect log" },
        { "helm-given-a-file", "expected a HELM run directory" },
    };

    [SharedTheory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_exits_2_with_one_line_naming_the_file_and_writes_nothing(string kind, string problem)
    {
        using var dir = new TempDir();
        var (args, file) = Args(kind, dir);
        var output = dir.File("out");
        var run = await CliRun.Of([.. args, "--key", Key(dir), "--out", output]);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(file, line, StringComparison.Ordinal);
        Assert.Contains(problem, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Equal(Extra(kind).Append("test.key").Order(StringComparer.Ordinal), Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static string[] Extra(string kind) => kind switch
    {
        "lm-eval-truncated" => [$"results_{HarnessFiles.NegotiationDate}.json"],
        "inspect-truncated-zip" => ["cut.eval"],
        _ => [],
    };

    private static (string[] Args, string File) Args(string kind, TempDir dir)
    {
        switch (kind)
        {
            case "lm-eval-given-eee":
                return (["import", "lm-eval", HarnessFiles.EeeBelief], HarnessFiles.EeeBelief);
            case "lm-eval-truncated":
                var text = File.ReadAllText(HarnessFiles.Results(HarnessFiles.NegotiationDate));
                var cut = dir.Write($"results_{HarnessFiles.NegotiationDate}.json", text[..(text.Length / 3)]);
                return (["import", "lm-eval", cut], cut);
            case "lm-eval-samples-of-another-run":
                var samples = HarnessFiles.Samples("gsm8k", HarnessFiles.Gsm8kDate);
                return (["import", "lm-eval", HarnessFiles.Results(HarnessFiles.NegotiationDate), "--samples", samples], samples);
            case "lm-eval-samples-missing":
                return (["import", "lm-eval", HarnessFiles.Results(HarnessFiles.MathDate)], HarnessFiles.Results(HarnessFiles.MathDate));
            case "eee-given-lm-eval":
                return (["import", "eee", HarnessFiles.Results(HarnessFiles.Gsm8kDate)], HarnessFiles.Results(HarnessFiles.Gsm8kDate));
            case "eee-sidecar-of-another-evaluation":
                var sidecar = HarnessFiles.SidecarOf(HarnessFiles.EeeIntention);
                return (["import", "eee", HarnessFiles.EeeBelief, "--samples", sidecar], sidecar);
            case "inspect-truncated-zip":
                var bytes = File.ReadAllBytes(SharedData.Path("harness-data", "inspect", "mmlu-summary-choices.eval"));
                var zip = dir.File("cut.eval");
                File.WriteAllBytes(zip, bytes[..(bytes.Length / 2)]);
                return (["import", "inspect", zip], zip);
            case "helm-given-a-file":
                return (["import", "helm", HarnessFiles.EeeDemo], HarnessFiles.EeeDemo);
            case "inspect-given-eee":
                return (["import", "inspect", HarnessFiles.EeeDemo], HarnessFiles.EeeDemo);
            default:
                return (["import", "eee", HarnessFiles.EeeDatastoreV022], HarnessFiles.EeeDatastoreV022);
        }
    }
}
