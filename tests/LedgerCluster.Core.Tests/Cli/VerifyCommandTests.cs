using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Tests.Verification;

namespace LedgerCluster.Core.Tests.Cli;

public sealed class VerifyCommandTests
{
    public static IEnumerable<object[]> RecordFiles() => Kat.Rows(() => Kat.RecordFiles.Select(f => new object[] { f }));

    [SharedTheory]
    [MemberData(nameof(RecordFiles))]
    public async Task Kat_records_verify(string file)
    {
        var run = await CliRun.Of("verify", file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            // Without a proof the strongest tier established is `signed`, the board's word for it.
            ["Integrity: ok", "Signature: ok", "Inclusion: skipped", "Witnesses: skipped", "Reproduction: skipped", "Overall: SIGNED"],
            run.Out.TrimEnd().Split('\n').Select(l => l.Split(" (")[0]));
    }

    [SharedTheory]
    [InlineData("\"output\": \"What is 7 + 5? Reply with only the number.\"", "\"output\": \"12\"", "Integrity: FAILED")]
    [InlineData("\"schema_version\"", "\"note\": \"x\", \"schema_version\"", "body.note: unknown field")]
    [InlineData("\"score\": 0.0", "\"score\": 0", "expected float, got int")]
    [InlineData("\"content_hash\": \"56c7", "\"content_hash\": \"56C7", "lowercase hex")]
    public async Task Tampered_records_fail_with_the_reason(string find, string replace, string reason)
    {
        using var dir = new TempDir();
        var original = File.ReadAllText(Kat.RecordFiles.Single(f => f.Contains("56c7984e", StringComparison.Ordinal)));
        var at = original.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"fixture text '{find}' not found");
        var tampered = original[..at] + replace + original[(at + find.Length)..];
        var run = await CliRun.Of("verify", dir.Write("tampered.json", tampered));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Out, StringComparison.Ordinal);
        Assert.EndsWith("Overall: FAILED", run.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Swapped_signature_fails_the_signature_check()
    {
        using var dir = new TempDir();
        var a = (JObject)JsonParser.ParseFile(Kat.RecordFiles.First());
        var b = (JObject)JsonParser.ParseFile(Kat.RecordFiles.Last());
        var swapped = new JObject(a.Members.Select(m => m.Key == "signature" ? new KeyValuePair<string, JValue>(m.Key, b["signature"]!) : m));
        var run = await CliRun.Of("verify", dir.Write("swapped.json", PrettyJson.Serialize(swapped)));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Signature: FAILED", run.Out, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Proof_vkey_and_policy_files_are_checked_offline()
    {
        using var dir = new TempDir();
        var records = Kat.RecordFiles.Select(f => RunRecord.Parse(File.ReadAllBytes(f))).ToArray();
        var log = new OfflineLog(records);
        var record = dir.Write("r.json", records[3].ToFileText());
        var proof = dir.Write("r.tlog-proof", log.ProofFor(3, "w1", "w2"));
        var vkey = dir.Write("log.vkey", log.LogSigner.VerifierKey + "\n");
        var policy = dir.Write("policy.txt", log.Policy("2"));

        var run = await CliRun.Of("verify", record, "--proof", proof, "--vkey", vkey, "--policy", policy);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Inclusion: ok", run.Out, StringComparison.Ordinal);
        Assert.Contains("Witnesses: ok (2 of 3 witnesses cosigned (w1, w2)", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("Overall: VERIFIED", run.Out.TrimEnd(), StringComparison.Ordinal);

        var strict = await CliRun.Of("verify", record, "--proof", proof, "--policy", dir.Write("all.txt", log.Policy("all")), "--json");
        Assert.Equal(1, strict.ExitCode);
        var json = (JObject)JsonParser.Parse(strict.Out);
        Assert.Equal("FAILED", Kat.Str(json["overall"]));
        Assert.Equal("signed", Kat.Str(json["tier"]));
        var witnesses = ((JArray)json["checks"]!).Items.Cast<JObject>().Single(c => Kat.Str(c["name"]) == "witnesses");
        Assert.Equal("failed", Kat.Str(witnesses["status"]));
    }

    [SharedFact]
    public async Task Json_output_has_every_check()
    {
        var run = await CliRun.Of("verify", Kat.RecordFiles.First(), "--json");
        Assert.Equal(0, run.ExitCode);
        var json = (JObject)JsonParser.Parse(run.Out);
        Assert.Equal("SIGNED", Kat.Str(json["overall"]));
        Assert.Equal(["integrity", "signature", "inclusion", "witnesses", "reproduction"],
            ((JArray)json["checks"]!).Items.Cast<JObject>().Select(c => Kat.Str(c["name"])));
    }

    [SharedFact]
    public async Task A_garbage_vkey_or_a_malformed_policy_is_a_usage_error_not_a_failed_inclusion()
    {
        using var dir = new TempDir();
        var records = Kat.RecordFiles.Select(f => RunRecord.Parse(File.ReadAllBytes(f))).ToArray();
        var log = new OfflineLog(records);
        var record = dir.Write("r.json", records[3].ToFileText());
        var proof = dir.Write("r.tlog-proof", log.ProofFor(3, "w1", "w2"));
        var policy = dir.Write("policy.txt", log.Policy("2"));

        var badKey = await CliRun.Of("verify", record, "--proof", proof, "--vkey", "not-a-key", "--policy", policy);
        Assert.Equal(2, badKey.ExitCode);
        Assert.StartsWith("ledger: --vkey: ", badKey.Error, StringComparison.Ordinal);
        Assert.Single(badKey.Error.TrimEnd().Split('\n'));
        Assert.Empty(badKey.Out);

        var badPolicy = await CliRun.Of("verify", record, "--proof", proof, "--policy", dir.Write("bad-policy.txt", "quorum nobody\nwitness\n"));
        Assert.Equal(2, badPolicy.ExitCode);
        Assert.StartsWith("ledger: --policy: ", badPolicy.Error, StringComparison.Ordinal);
        Assert.Empty(badPolicy.Out);
    }

    [Fact]
    public async Task Missing_or_malformed_input_exits_2_with_one_line()
    {
        using var dir = new TempDir();
        var missing = await CliRun.Of("verify", dir.File("nope.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("record file not found", missing.Error, StringComparison.Ordinal);
        var notJson = await CliRun.Of("verify", dir.Write("bad.json", "{\"body\": tru"));
        Assert.Equal(2, notJson.ExitCode);
        Assert.Contains("line 1", notJson.Error, StringComparison.Ordinal);
        var badOption = await CliRun.Of("verify", "--no-such-option");
        Assert.Equal(2, badOption.ExitCode);
    }
}
