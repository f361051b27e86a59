using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Tests.Notes;

public sealed class WitnessPolicyTests : IDisposable
{
    private readonly NoteSigner _log = SpecExamples.LogSigner();
    private readonly Dictionary<string, NoteSigner> _witnesses =
        new[] { "X1", "X2", "X3", "Y1", "Y2", "Y3" }.ToDictionary(n => n, n => new NoteSigner($"witness.example/{n}", SpecExamples.TestKey(n), NoteKeyType.CosignatureV1));

    public void Dispose()
    {
        _log.Dispose();
        foreach (var w in _witnesses.Values) w.Dispose();
    }

    private string Vkey(string name) => _witnesses[name].VerifierKey.ToString();

    /// <summary>The nested example of c2sp.org/tlog-policy: 2 of the X witnesses and any of the Y witnesses.</summary>
    private string NestedPolicy() =>
        $"""
        # LedgerCluster test policy
        log {SpecExamples.LogVkey} https://log.example/

        witness X1 {Vkey("X1")}
        witness X2 {Vkey("X2")} https://x2.example/
        	witness	X3   {Vkey("X3")}
        group X-witnesses 2 X1 X2 X3

        witness Y1 {Vkey("Y1")}
        witness Y2 {Vkey("Y2")}
        witness Y3 {Vkey("Y3")}
        group Y-witnesses any Y1 Y2 Y3
          # indented comment
        group X-and-Y all X-witnesses Y-witnesses
        quorum X-and-Y

        """;

    [Fact]
    public void Parses_the_nested_example()
    {
        var policy = WitnessPolicy.Parse(NestedPolicy());
        Assert.Equal(SpecExamples.LogVkey, Assert.Single(policy.Logs).Key.ToString());
        Assert.Equal("https://log.example/", policy.Logs[0].Url);
        Assert.Equal(6, policy.Witnesses.Count);
        Assert.Equal(6, policy.WitnessKeys.Count);
        Assert.Equal("https://x2.example/", policy.Witnesses[1].Url);
        Assert.Equal(_witnesses["X3"].VerifierKey, policy.Witnesses[2].Key);
        Assert.Equal([2, 1, 2], policy.Groups.Select(g => g.Threshold));
        Assert.Equal("X-and-Y", policy.Quorum);
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "X1", "X2" }, false)]
    [InlineData(new[] { "Y1", "Y2", "Y3" }, false)]
    [InlineData(new[] { "X1", "Y3" }, false)]
    [InlineData(new[] { "X1", "X3", "Y2" }, true)]
    [InlineData(new[] { "X1", "X2", "X3", "Y1", "Y2", "Y3" }, true)]
    [InlineData(new[] { "X2", "X3", "Y1", "unknown" }, true)]
    [InlineData(new[] { "X-witnesses", "Y-witnesses" }, false)]
    public void Evaluates_k_of_n_with_nested_groups(string[] cosigned, bool satisfied)
    {
        Assert.Equal(satisfied, WitnessPolicy.Parse(NestedPolicy()).Evaluate(cosigned));
    }

    [Fact]
    public void Quorum_none_needs_no_cosignatures_and_a_single_witness_quorum_needs_it()
    {
        Assert.True(WitnessPolicy.Parse($"log {SpecExamples.LogVkey}\nquorum none\n").Evaluate([]));
        Assert.Null(WitnessPolicy.Parse("quorum none").Quorum);
        var single = WitnessPolicy.Parse($"witness W {SpecExamples.WitnessVkey}\nquorum W\n");
        Assert.False(single.Evaluate([]));
        Assert.True(single.Evaluate(["W"]));
    }

    [Fact]
    public void Deep_shared_groups_evaluate_quickly()
    {
        // Each group uses the previous one twice over via two parents: naive recursion would be exponential.
        var lines = new List<string> { $"witness W {SpecExamples.WitnessVkey}", "group g0 any W", "group h0 any W" };
        for (var i = 1; i < 120; i++) lines.Add($"group g{i} all g{i - 1} h{i - 1}\ngroup h{i} any g{i - 1} h{i - 1}");
        lines.Add("quorum g119");
        var policy = WitnessPolicy.Parse(string.Join("\n", lines));
        Assert.True(policy.Evaluate(["W"]));
        Assert.False(policy.Evaluate([]));
    }

    [Fact]
    public void Verifies_a_signed_and_cosigned_checkpoint()
    {
        var policy = WitnessPolicy.Parse(NestedPolicy());
        var checkpoint = Checkpoint.Parse(SpecExamples.CheckpointText);
        var note = SignedNote.Sign(checkpoint.ToNoteText(), _log);
        foreach (var name in new[] { "X1", "X3", "Y2" })
            note = note.WithSignature(_witnesses[name].Cosign(checkpoint.ToNoteText(), 1700000000));
        var result = policy.VerifyCheckpoint(SignedNote.Parse(note.Format()));
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(checkpoint, result.Checkpoint);
        Assert.Equal(_log.VerifierKey, result.Log);
        Assert.Equal(["X1", "X3", "Y2"], result.Cosignatures.Keys.Order());
        Assert.Equal(1700000000ul, result.Cosignatures["Y2"].Timestamp);
    }

    [Fact]
    public void Checkpoint_verification_fails_on_quorum_log_origin_and_bad_cosignature()
    {
        var policy = WitnessPolicy.Parse(NestedPolicy());
        var text = SpecExamples.CheckpointText;
        var signed = SignedNote.Sign(text, _log);

        var shortOfQuorum = signed.WithSignature(_witnesses["X1"].Cosign(text, 1)).WithSignature(_witnesses["Y1"].Cosign(text, 1));
        Assert.Contains("quorum", policy.VerifyCheckpoint(shortOfQuorum).Error);

        var unsigned = new SignedNote(text, [_witnesses["X1"].Cosign(text, 1)]);
        Assert.Contains("not signed by any log", policy.VerifyCheckpoint(unsigned).Error);

        var badCosignature = signed.WithSignature(new NoteSignature(_witnesses["X2"].Name, _witnesses["X2"].KeyId, new byte[72]));
        Assert.Contains("does not verify", policy.VerifyCheckpoint(badCosignature).Error);

        using var wrongOrigin = new NoteSigner("example.com/other-log", SpecExamples.TestKey("other-log"));
        var otherPolicy = WitnessPolicy.Parse($"log {wrongOrigin.VerifierKey}\nquorum none\n");
        Assert.Contains("origin", otherPolicy.VerifyCheckpoint(SignedNote.Sign(text, wrongOrigin)).Error);

        var notACheckpoint = SignedNote.Sign("hello\n", _log);
        Assert.Contains("checkpoint", WitnessPolicy.Parse($"log {SpecExamples.LogVkey}\nquorum none").VerifyCheckpoint(notACheckpoint).Error);

        Assert.True(WitnessPolicy.Parse($"log {SpecExamples.LogVkey}\nquorum none").VerifyCheckpoint(SignedNote.Parse(SpecExamples.CosignedCheckpoint)).IsValid);
    }

    [Theory]
    [InlineData("", "no quorum line")]
    [InlineData("# only a comment\n", "no quorum line")]
    [InlineData("quorum none\nquorum none\n", "line 2: a policy has exactly one quorum")]
    [InlineData("quorum\n", "line 1: expected 'quorum")]
    [InlineData("quorum W\n", "line 1: quorum 'W' is not")]
    [InlineData("frobnicate x\nquorum none\n", "line 1: unknown keyword")]
    [InlineData("Quorum none\n", "line 1: unknown keyword")]
    [InlineData("log\nquorum none\n", "line 1: expected 'log")]
    [InlineData("log not-a-key\nquorum none\n", "line 1: log key")]
    [InlineData("log " + SpecExamples.WitnessVkey + "\nquorum none\n", "line 1: log key witness.example/tlog-anchors-w1 has type 0x04")]
    [InlineData("log " + SpecExamples.LogVkey + "\nlog " + SpecExamples.LogVkey + "\nquorum none\n", "line 2: duplicate log")]
    [InlineData("log " + SpecExamples.LogVkey + " url extra\nquorum none\n", "line 1: expected 'log")]
    [InlineData("witness W " + SpecExamples.LogVkey + "\nquorum none\n", "line 1: witness key")]
    [InlineData("witness W\nquorum none\n", "line 1: expected 'witness")]
    [InlineData("witness none " + SpecExamples.WitnessVkey + "\nquorum none\n", "line 1: 'none' is predefined")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\nwitness W2 " + SpecExamples.WitnessVkey + "\nquorum none\n", "line 2: witness 'W2' reuses")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup W any W\nquorum none\n", "line 2: name 'W' is already defined")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup G any\nquorum none\n", "line 2: expected 'group")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup G 0 W\nquorum none\n", "line 2: group threshold '0'")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup G 2 W\nquorum none\n", "line 2: group threshold '2'")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup G 01 W\nquorum none\n", "line 2: group threshold '01'")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup G most W\nquorum none\n", "line 2: group threshold 'most'")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup G any W W\nquorum none\n", "line 2: group member 'W' is listed twice")]
    [InlineData("witness W " + SpecExamples.WitnessVkey + "\ngroup G any W none\nquorum none\n", "line 2: 'none' cannot be a group member")]
    [InlineData("group G any W\nwitness W " + SpecExamples.WitnessVkey + "\nquorum none\n", "line 1: group member 'W' is not")]
    [InlineData("quorum G\ngroup G any W\n", "line 1: quorum 'G'")]
    [InlineData("quorum none\r\n", "line 1: character U+000D")]
    [InlineData("# fine\nquorum none\u007f\n", "line 2: character U+007F")]
    [InlineData("quorum none # trailing\n", "line 1: expected 'quorum")]
    public void Bad_policies_are_rejected_naming_the_line(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => WitnessPolicy.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(WitnessPolicy.TryParse(text, out _, out _));
    }

    [Fact]
    public void Hostile_sizes_are_rejected()
    {
        var huge = new string('#', WitnessPolicy.MaxPolicyBytes + 1);
        Assert.Contains("limit", Assert.Throws<FormatException>(() => WitnessPolicy.Parse(huge)).Message);
        var many = string.Concat(Enumerable.Range(0, WitnessPolicy.MaxWitnesses + 1).Select(i =>
        {
            using var k = new NoteSigner($"w{i}", SpecExamples.TestKey($"many{i}"), NoteKeyType.CosignatureV1);
            return $"witness w{i} {k.VerifierKey}\n";
        })) + "quorum none\n";
        Assert.Contains($"line {WitnessPolicy.MaxWitnesses + 1}: more than", Assert.Throws<FormatException>(() => WitnessPolicy.Parse(many)).Message);
    }

    [Fact]
    public void Non_ascii_names_are_opaque_and_distinct()
    {
        var policy = WitnessPolicy.Parse($"witness K {SpecExamples.WitnessVkey}\ngroup \u212a any K\nquorum \u212a\n");
        Assert.True(policy.Evaluate(["K"]));
        Assert.False(policy.Evaluate(["\u212a"]));
    }
}
