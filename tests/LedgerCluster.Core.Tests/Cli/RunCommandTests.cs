using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Cli;

public sealed class RunCommandTests
{
    [SharedFact]
    public async Task Run_with_the_rfc8032_key_reproduces_the_echo_record()
    {
        using var dir = new TempDir();
        var key = dir.Write("k.key", Kat.Rfc8032Test1Seed + "\n");
        var run = await CliRun.Of("run", "--benchmark", SharedData.Path("verievals", "benchmarks", "arithmetic"), "--model", "echo",
            "--key", key, "--seed", "0", "--out", dir.Path, "--json");
        Assert.Equal(0, run.ExitCode);
        const string id = "56c7984e5b5ad853a183983100aab5ca3255740809bb7367f3d95eecc4d37dc8";
        Assert.Equal(id, Kat.Str(((JObject)JsonParser.Parse(run.Out))["record_id"]));
        Assert.True(File.Exists(dir.File(id + ".json")));
        Assert.Equal(0, (await CliRun.Of("verify", dir.File(id + ".json"))).ExitCode);
    }

    [SharedFact]
    public async Task An_unquoted_yaml_version_gives_the_record_verievals_gives_with_a_warning()
    {
        using var dir = new TempDir();
        // The arithmetic benchmark with `version: 1.0` unquoted: PyYAML reads a float and verievals stores str() of it.
        var bench = dir.File("arithmetic");
        Directory.CreateDirectory(bench);
        File.Copy(SharedData.Path("verievals", "benchmarks", "arithmetic", "tasks.jsonl"), Path.Combine(bench, "tasks.jsonl"));
        var yaml = File.ReadAllText(SharedData.Path("verievals", "benchmarks", "arithmetic", "benchmark.yaml")).Replace("version: \"1.0.0\"", "version: 1.0", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(bench, "benchmark.yaml"), yaml);
        var key = dir.Write("k.key", Kat.Rfc8032Test1Seed + "\n");

        var run = await CliRun.Of("run", "--benchmark", bench, "--model", "echo", "--key", key, "--seed", "0", "--out", dir.Path, "--json");
        Assert.Equal(0, run.ExitCode);
        // The id verievals 0.1.0 (`run_eval`, echo model, seed 0, RFC 8032 test-1 key) gives for this directory, computed with CPython 3.11.
        Assert.Equal("5e35b130c26461b3b86164e4ada3e717eddb2b9b10d27c4224e65726cea49e47", Kat.Str(((JObject)JsonParser.Parse(run.Out))["record_id"]));
        Assert.Contains("warning: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("field 'version': YAML reads 1.0 as a float; using Python's str() of it, \"1.0\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regex_pattern_that_cannot_be_matched_exactly_as_python_stops_the_run_with_the_reason()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("bench"));
        dir.Write("bench/benchmark.yaml", "id: probes\nversion: \"1\"\nscorer: regex_match\n");
        dir.Write("bench/tasks.jsonl", "{\"id\": \"a\", \"prompt\": \"Answer: 1\", \"expected\": \"^\\\\d$\"}\n{\"id\": \"b\", \"prompt\": \"Answer: 1\", \"expected\": \"\\\\N{DIGIT ONE}\"}\n");
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", dir.File("me"))).ExitCode);
        var run = await CliRun.Of("run", "-b", dir.File("bench"), "-m", "echo", "-k", dir.File("me.key"), "-o", dir.File("records"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("regex_match pattern \"\\N{DIGIT ONE}\" is refused: \\N{...} named characters need the Unicode character name database", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("records")));
    }

    [Fact]
    public async Task Reproduction_ok_for_a_fixture_run_and_failed_naming_the_task_after_an_edit()
    {
        using var dir = new TempDir();
        var repo = RepoPaths.Root;
        var bench = Path.Combine(repo, "benchmarks", "world-rivers");
        var fixture = "fixture:" + Path.Combine(repo, "benchmarks", "fixtures", "world-rivers.json");
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", dir.File("me"))).ExitCode);
        var run = await CliRun.Of("run", "-b", bench, "-m", fixture, "-k", dir.File("me.key"), "-o", dir.File("r.json"));
        Assert.Equal(0, run.ExitCode);

        var ok = await CliRun.Of("verify", dir.File("r.json"), "--benchmark", bench, "--model", fixture);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("Reproduction: ok", ok.Out, StringComparison.Ordinal);

        // Edit one output and re-sign with the same key: integrity and signature hold, reproduction does not.
        var record = RunRecord.Parse(File.ReadAllBytes(dir.File("r.json")));
        var edited = record.Body.Results.Select((r, i) => i == 4 ? r with { Output = "the Thames" } : r).ToList();
        var body = RecordBody.Create(record.Body.Benchmark, record.Body.Model, record.Body.Runner, edited, record.Body.Aggregate.Scorer);
        using var key = Crypto.KeyFiles.LoadPrivate(dir.File("me.key"));
        File.WriteAllText(dir.File("edited.json"), RunRecord.Create(body, key).ToFileText());

        var failed = await CliRun.Of("verify", dir.File("edited.json"), "--benchmark", bench, "--model", fixture);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("Integrity: ok", failed.Out, StringComparison.Ordinal);
        Assert.Contains("Signature: ok", failed.Out, StringComparison.Ordinal);
        Assert.Contains($"Reproduction: FAILED (re-run gave body hash {record.Id}: task {record.Body.Results[4].TaskId}: output \"the Thames\"", failed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_inputs_exit_2_with_the_reason()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", dir.File("me"))).ExitCode);
        var bench = Path.Combine(RepoPaths.Root, "benchmarks", "world-rivers");
        var noBench = await CliRun.Of("run", "-b", dir.File("missing"), "-m", "echo", "-k", dir.File("me.key"));
        Assert.Equal(2, noBench.ExitCode);
        Assert.Contains("missing", noBench.Error, StringComparison.Ordinal);
        var badModel = await CliRun.Of("run", "-b", bench, "-m", "gpt5-please", "-k", dir.File("me.key"));
        Assert.Equal(2, badModel.ExitCode);
        Assert.Contains("--model gpt5-please", badModel.Error, StringComparison.Ordinal);
        var badKey = await CliRun.Of("run", "-b", bench, "-m", "echo", "-k", dir.Write("bad.key", "nothex"));
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("--key", badKey.Error, StringComparison.Ordinal);
        var badScorer = await CliRun.Of("run", "-b", bench, "-m", "echo", "-k", dir.File("me.key"), "--scorer", "vibes");
        Assert.Equal(2, badScorer.ExitCode);
    }

    [Fact]
    public async Task A_public_key_file_or_a_mismatched_key_pair_is_refused_and_nothing_is_signed()
    {
        using var dir = new TempDir();
        var bench = Path.Combine(RepoPaths.Root, "benchmarks", "world-rivers");
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", dir.File("alice"))).ExitCode);
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", dir.File("bob"))).ExitCode);

        // The .pub holds 64 hex characters, which would load as a seed: anyone holding it could sign as that key.
        var withPub = await CliRun.Of("run", "-b", bench, "-m", "echo", "-k", dir.File("alice.pub"), "-o", dir.File("records"));
        Assert.Equal(2, withPub.ExitCode);
        Assert.Contains("alice.pub is a public key file (.pub)", withPub.Error, StringComparison.Ordinal);

        // alice.key beside bob's public key: a pair that does not match is refused.
        File.Copy(dir.File("bob.pub"), dir.File("alice.pub"), overwrite: true);
        var mismatched = await CliRun.Of("run", "-b", bench, "-m", "echo", "-k", dir.File("alice.key"), "-o", dir.File("records"));
        Assert.Equal(2, mismatched.ExitCode);
        Assert.Contains("alice.key and", mismatched.Error, StringComparison.Ordinal);
        Assert.Contains("alice.pub do not match", mismatched.Error, StringComparison.Ordinal);

        // The public key copied over the .key file: refused as well, naming what it is.
        File.Copy(dir.File("bob.pub"), dir.File("bob.key"), overwrite: true);
        var pubAsKey = await CliRun.Of("run", "-b", bench, "-m", "echo", "-k", dir.File("bob.key"), "-o", dir.File("records"));
        Assert.Equal(2, pubAsKey.ExitCode);
        Assert.Contains("holds the public key", pubAsKey.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("records")));
    }

    [Fact]
    public async Task Leaderboard_ranks_a_folder_by_tier_then_accuracy()
    {
        using var dir = new TempDir();
        var repo = RepoPaths.Root;
        Assert.Equal(0, (await CliRun.Of("keygen", "--out", dir.File("me"))).ExitCode);
        foreach (var (bench, model) in new[] { ("world-rivers", "echo"), ("world-rivers", "fixture:" + Path.Combine(repo, "benchmarks", "fixtures", "world-rivers.json")) })
            Assert.Equal(0, (await CliRun.Of("run", "-b", Path.Combine(repo, "benchmarks", bench), "-m", model, "-k", dir.File("me.key"), "-o", dir.File("records"))).ExitCode);
        // A self-reported result with a higher claim: an unsigned copy with a forged accuracy would not parse, so break the signature.
        var best = Directory.GetFiles(dir.File("records")).Select(f => RunRecord.Parse(File.ReadAllBytes(f))).MaxBy(r => r.Body.Aggregate.Accuracy)!;
        var forged = best with { Signature = best.Signature with { Signature = new string('0', 128) } };
        var unsigned = dir.File("records/unsigned.json");
        File.WriteAllText(unsigned, forged.ToFileText());

        var run = await CliRun.Of("leaderboard", "--records", dir.File("records"), "--trust", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var rows = ((JArray)JsonParser.Parse(run.Out)).Items.Cast<JObject>().ToList();
        Assert.Equal(["signed", "signed", "self_reported"], rows.Select(r => Kat.Str(r["tier"])));
        Assert.True(Number(rows[0]["accuracy"]) >= Number(rows[1]["accuracy"]));
        // The one row shape of the gateway (LedgerCluster.Api's LeaderboardRow), offline too.
        Assert.All(rows, r => Assert.Equal(["accuracy", "benchmark", "benchmark_hash", "model", "passed", "protocol", "protocol_warnings", "rank", "rank_range", "record_id",
                "reproduction_failed", "score", "signer", "tasks", "tier", "truncation_method", "truncation_rate", "truncation_warning", "verdict", "wilson"],
            r.Keys.Order(StringComparer.Ordinal)));
        var md = await CliRun.Of("leaderboard", "--records", dir.File("records"));
        Assert.StartsWith("| rank | range | tier |", md.Out, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Import_gsm8k_gives_the_gsm8k_full_hash()
    {
        using var dir = new TempDir();
        var run = await CliRun.Of("benchmark", "import-gsm8k", "--input", SharedData.Path("gsm8k", "test.jsonl"), "--out", dir.File("gsm8k"), "--json");
        Assert.Equal(0, run.ExitCode);
        var expected = Kat.Str(((JObject)((JObject)Kat.Vectors["benchmark_content_hashes"]!)["gsm8k-full"]!)["content_hash"]);
        Assert.Equal(expected, Kat.Str(((JObject)JsonParser.Parse(run.Out))["content_hash"]));
        var hash = await CliRun.Of("benchmark", "hash", dir.File("gsm8k"));
        Assert.Contains(expected, hash.Out, StringComparison.Ordinal);
    }

    // System.Text.Json writes 0.0 as 0: a number may come back as either kind.
    private static double Number(JValue? value) => value switch { JFloat f => f.Value, JInteger i => (double)i.Value, _ => double.NaN };
}
