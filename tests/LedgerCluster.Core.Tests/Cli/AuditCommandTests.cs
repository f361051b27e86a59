using System.Text.Json;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Cli;

public sealed class AuditCommandTests
{
    private static string RealLog(string name) => SharedData.Path("trace-pipeline-data", "data", name);

    [SharedFact]
    public async Task Paired_json_on_the_real_logs_matches_a_hand_count()
    {
        var (instruct, winner) = (RealLog("instruct_max_new768.json"), RealLog("winner_max_new768.json"));
        var (n, onlyA, onlyB) = HandCount(instruct, winner);

        var run = await CliRun.Of("audit", "paired", "--a", instruct, "--b", winner, "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(n, root.GetProperty("n").GetInt32());
        Assert.Equal(onlyA, root.GetProperty("b_only_a").GetInt32());
        Assert.Equal(onlyB, root.GetProperty("c_only_b").GetInt32());
        Assert.Equal((199, 29, 27), (n, onlyA, onlyB)); // the winner's gsm8k-131 has no "correct"
        Assert.Equal(PairedStatistics.McNemarExactP(onlyA, onlyB), root.GetProperty("mcnemar_exact_p").GetDouble(), 12);
        Assert.Equal(0.894, root.GetProperty("mcnemar_exact_p").GetDouble(), 3);
        Assert.Equal(nameof(VerdictKind.NoSignificantDifference), root.GetProperty("verdict_kind").GetString());
    }

    [SharedFact]
    public async Task Paired_text_ends_with_the_verdict_and_the_report_has_the_svg()
    {
        using var dir = new TempDir();
        var report = dir.File("out/audit.md");

        var run = await CliRun.Of("audit", "paired", "--a", RealLog("instruct_max_new768.json"), "--b", RealLog("winner_max_new768.json"),
            "--report", report, "--fail-on-artifact");

        Assert.Equal(0, run.ExitCode); // not significant: nothing to blame on the set-up
        Assert.Contains("n = 199 items scored on both sides", run.Out, StringComparison.Ordinal);
        Assert.Contains("McNemar exact p = 0.894", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 in B without \"correct\" (gsm8k-131)", run.Out, StringComparison.Ordinal);
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.StartsWith("Verdict: No significant difference", lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("Report written to", lines[^1], StringComparison.Ordinal);
        var markdown = File.ReadAllText(report);
        Assert.StartsWith("# Paired audit", markdown, StringComparison.Ordinal);
        Assert.Contains("<svg", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_differing_only_in_max_tokens_are_blamed_on_truncation_and_fail_the_gate()
    {
        using var dir = new TempDir();
        using var key = Ed25519KeyPair.Generate();
        // 60 items. A (max_tokens 256) is cut off on its first 15 items and gets them wrong; B (1024) gets them right.
        var a = Record(256, Enumerable.Range(0, 60).Select(i => i < 15 ? (false, "length") : (i % 5 != 0, "stop")), key);
        var b = Record(1024, Enumerable.Range(0, 60).Select(i => i < 15 ? (true, "stop") : (i % 5 != 0, "stop")), key);
        var pathA = dir.Write("a.json", a.ToFileText());
        var pathB = dir.Write("b.json", b.ToFileText());

        var json = await CliRun.Of("audit", "paired", "--a", pathA, "--b", pathB, "--json");
        Assert.Equal(0, json.ExitCode); // the audit ran; without the gate the verdict does not change the exit code
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(nameof(VerdictKind.LikelyTruncationArtifact), doc.RootElement.GetProperty("verdict_kind").GetString());
        var verdict = doc.RootElement.GetProperty("verdict").GetString()!;
        Assert.Contains("max_tokens (256 vs 1024)", verdict, StringComparison.Ordinal);
        Assert.Contains("truncation", verdict, StringComparison.Ordinal);
        var diff = Assert.Single(doc.RootElement.GetProperty("protocol_diff").EnumerateArray());
        Assert.Equal("model.params.max_tokens", diff.GetProperty("field").GetString());

        var gated = await CliRun.Of("audit", "paired", "--a", pathA, "--b", pathB, "--fail-on-artifact");
        Assert.Equal(1, gated.ExitCode);
        Assert.Contains("  model.params.max_tokens: 256 vs 1024", gated.Out, StringComparison.Ordinal);
        Assert.Contains("Truncation: A 25.0% (15/60, limit 256), B 0.0% (0/60, limit 1024)", gated.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict: B is better by +25.0 points", gated.Out, StringComparison.Ordinal);
        Assert.Contains("--fail-on-artifact", gated.Error, StringComparison.Ordinal);

        // The same record against itself: nothing to blame, the gate passes.
        Assert.Equal(0, (await CliRun.Of("audit", "paired", "--a", pathB, "--b", pathB, "--fail-on-artifact")).ExitCode);
    }

    [Fact]
    public async Task Contamination_flags_the_planted_item_and_fails_the_gate()
    {
        using var dir = new TempDir();
        var bench = Benchmark(dir);
        var train = dir.Write("train.jsonl", string.Join('\n',
            """{"text": "The weather in spring is mild and the days grow longer each week."}""",
            """{"text": "Recipes for bread need flour, water, salt and a little patience."}""",
            """{"messages": [{"role": "user", "content": "Solve: A farmer has 17 sheep and buys 5 more each week for 6 weeks, then sells 12 sheep at the market. How many sheep does the farmer have now?"}, {"role": "assistant", "content": "35"}]}""",
            """{"text": "Unrelated text about rivers, mountains and the sea."}""") + "\n");

        var text = await CliRun.Of("audit", "contamination", "--train", train, "--benchmark", bench, "--report", dir.File("c.md"));
        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("Contamination scan: 1 of 3 benchmark items flagged", text.Out, StringComparison.Ordinal);
        Assert.Contains("  sheep: containment 100%", text.Out, StringComparison.Ordinal);
        Assert.Contains("training line 3: \"A farmer has 17 sheep", text.Out, StringComparison.Ordinal);
        Assert.Contains("sheep", File.ReadAllText(dir.File("c.md")), StringComparison.Ordinal);

        var gated = await CliRun.Of("audit", "contamination", "--train", train, "--benchmark", bench, "--fail-on-contamination", "--json");
        Assert.Equal(1, gated.ExitCode);
        using var doc = JsonDocument.Parse(gated.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("flagged").GetInt32());
        var finding = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("sheep", finding.GetProperty("id").GetString());
        Assert.Equal(3, finding.GetProperty("span").GetProperty("start_line").GetInt64());

        var clean = dir.Write("clean.jsonl", """{"text": "Nothing from the benchmark is in here at all, only filler words."}""" + "\n");
        Assert.Equal(0, (await CliRun.Of("audit", "contamination", "--train", clean, "--benchmark", bench, "--fail-on-contamination")).ExitCode);
        // A threshold above 100% cannot be met: a usage error, not a clean scan.
        Assert.Equal(2, (await CliRun.Of("audit", "contamination", "--train", train, "--benchmark", bench, "--threshold", "1.5")).ExitCode);
    }

    [Theory]
    [InlineData(200, 0.28, 0.05, 0.8)]
    [InlineData(1000, 0.1, 0.05, 0.9)]
    [InlineData(50, 1.0, 0.01, 0.8)]
    [InlineData(12, 0.5, 0.1, 0.5)]
    public async Task Power_matches_PairedStatistics(int n, double d, double alpha, double power)
    {
        var args = new[] { "audit", "power", "--n", $"{n}", "--discordance", Str(d), "--alpha", Str(alpha), "--power", Str(power) };
        var json = await CliRun.Of([.. args, "--json"]);

        Assert.Equal(0, json.ExitCode);
        var expected = PairedStatistics.MinimumDetectableDifference(n, d, alpha, power)!.Value;
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal(expected, doc.RootElement.GetProperty("min_detectable_diff").GetDouble(), 12);
        var text = await CliRun.Of(args);
        Assert.StartsWith($"Minimum detectable difference: {(expected * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} points", text.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--n", "0", "--discordance", "0.3", "--n must be at least 1")]
    [InlineData("--n", "100", "--discordance", "0", "--discordance must be in (0, 1]")]
    [InlineData("--n", "100", "--discordance", "1.5", "--discordance must be in (0, 1]")]
    [InlineData("--n", "100", "--discordance", "NaN", "--discordance must be in (0, 1]")]
    [InlineData("--n", "100", "--discordance", "0.3", "--alpha must be in (0, 1)", "--alpha", "1")]
    [InlineData("--n", "100", "--discordance", "0.3", "--power must be in (0, 1)", "--power", "0")]
    [InlineData("--n", "2", "--discordance", "0.3", "--n 2 is too small")]
    [InlineData("--n", "many", "--discordance", "0.3", "many")]
    public async Task Power_rejects_bad_input_with_exit_2(string nFlag, string n, string dFlag, string d, string reason, params string[] extra)
    {
        var run = await CliRun.Of(["audit", "power", nFlag, n, dFlag, d, .. extra]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_and_broken_files_exit_2_naming_the_file_and_line()
    {
        using var dir = new TempDir();
        var good = dir.Write("good.jsonl", "{\"id\": \"x\", \"correct\": true}\n");

        var missing = await CliRun.Of("audit", "paired", "--a", dir.File("nope.json"), "--b", good);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--a: file not found: " + dir.File("nope.json"), missing.Error, StringComparison.Ordinal);

        var badLine = dir.Write("bad.jsonl", "{\"id\": \"x\", \"correct\": true}\n{\"id\": \"y\", \"correct\": tru\n");
        var jsonl = await CliRun.Of("audit", "paired", "--a", good, "--b", badLine);
        Assert.Equal(2, jsonl.ExitCode);
        Assert.Contains($"--b: {badLine}:2: not JSON", jsonl.Error, StringComparison.Ordinal);

        var broken = dir.Write("broken.json", "{\n  \"results\": [\n    {\"id\": \"x\", \"correct\": true},\n    {\"id\": \"y\" \"correct\": false}\n  ]\n}\n");
        var document = await CliRun.Of("audit", "paired", "--a", broken, "--b", good);
        Assert.Equal(2, document.ExitCode);
        Assert.Contains($"--a: {broken}:4: invalid JSON", document.Error, StringComparison.Ordinal);
        Assert.Single(document.Error.TrimEnd().Split('\n'));

        var bench = Benchmark(dir);
        var noTrain = await CliRun.Of("audit", "contamination", "--train", dir.File("train.jsonl"), "--benchmark", bench);
        Assert.Equal(2, noTrain.ExitCode);
        Assert.Contains("--train: file not found", noTrain.Error, StringComparison.Ordinal);
        var noBench = await CliRun.Of("audit", "contamination", "--train", good, "--benchmark", dir.File("no-bench"));
        Assert.Equal(2, noBench.ExitCode);
        Assert.Contains("no-bench", noBench.Error, StringComparison.Ordinal);
        File.AppendAllText(Path.Combine(bench, "tasks.jsonl"), "{\"id\": \"broken\"\n");
        var badBench = await CliRun.Of("audit", "contamination", "--train", good, "--benchmark", bench);
        Assert.Equal(2, badBench.ExitCode);
        Assert.Contains("tasks.jsonl:4:", badBench.Error, StringComparison.Ordinal);
    }

    // (items scored on both sides, only A right, only B right), counted straight from the files with System.Text.Json.
    private static (int N, int OnlyA, int OnlyB) HandCount(string pathA, string pathB)
    {
        var a = Outcomes(pathA);
        var b = Outcomes(pathB);
        int n = 0, onlyA = 0, onlyB = 0;
        foreach (var (id, x) in a)
        {
            if (!b.TryGetValue(id, out var y)) continue;
            n++;
            if (x && !y) onlyA++;
            if (!x && y) onlyB++;
        }
        return (n, onlyA, onlyB);
    }

    private static Dictionary<string, bool> Outcomes(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("correct", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False)
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("correct").GetBoolean());
    }

    private static RunRecord Record(long maxTokens, IEnumerable<(bool Passed, string Finish)> items, Ed25519KeyPair key)
    {
        var results = items.Select((item, i) => new TaskResult($"q{i:000}", $"question {i}", item.Passed ? "#### 7" : "Let me think", "7",
            item.Passed ? 1.0 : 0.0, item.Passed, item.Finish, item.Finish == "length" ? maxTokens : 120)).ToList();
        var body = RecordBody.Create(
            new BenchmarkRef("gsm8k", "test-1.0.0", new string('b', 64)),
            new ModelInfo("ollama", "qwen2.5:7b", "1", new JObject { { "max_tokens", maxTokens }, { "temperature", 0.0 } }),
            new RunnerConfig(0, null), results, "gsm8k");
        return RunRecord.Create(body, key);
    }

    // Three tasks; "sheep" is planted (inside a chat message) in the training file of the contamination test.
    private static string Benchmark(TempDir dir)
    {
        var bench = dir.File("bench");
        Directory.CreateDirectory(bench);
        File.WriteAllText(Path.Combine(bench, "benchmark.yaml"), "id: planted\nversion: \"1.0.0\"\nscorer: exact_match\n");
        File.WriteAllText(Path.Combine(bench, "tasks.jsonl"), string.Join('\n',
            """{"id": "sheep", "prompt": "A farmer has 17 sheep and buys 5 more each week for 6 weeks, then sells 12 sheep at the market. How many sheep does the farmer have now?", "expected": "35"}""",
            """{"id": "trains", "prompt": "Two trains leave stations 300 miles apart at the same time and travel toward each other at 40 and 60 miles per hour. After how many hours do they meet?", "expected": "3"}""",
            """{"id": "pages", "prompt": "Maria reads 12 pages of her novel on Monday, twice as many on Tuesday and half as many as Tuesday on Wednesday. How many pages has she read?", "expected": "48"}""") + "\n");
        return bench;
    }

    private static string Str(double x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
