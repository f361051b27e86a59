using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using static LedgerCluster.Core.Tests.Audit.AuditTestData;

namespace LedgerCluster.Core.Tests.Audit;

/// <summary>
/// The case-study mistake in miniature: the same model and settings, except the token limit (300 vs 768), and A is
/// cut off far more often. The audit must show the protocol difference and the truncation, and blame them.
/// </summary>
public sealed class TruncationAuditTests
{
    // 100 items. A (max_tokens 300): 31 truncated, all wrong. B (768): 7 truncated, all wrong.
    // Cells: both 52, only A 5 (b), only B 25 (c), neither 18 → A 57%, B 77%, +20 points.
    private static (List<ResultItem> A, List<ResultItem> B) Items()
    {
        var a = new List<ResultItem>();
        var b = new List<ResultItem>();
        for (var i = 0; i < 100; i++)
        {
            var id = $"gsm8k-{i:000}";
            var (aOk, aCut, bOk, bCut) = i switch
            {
                < 25 => (false, true, true, false),   // A cut off, B answers: the 25 "wins" of B
                < 31 => (false, true, false, false),  // A cut off, B wrong anyway
                < 36 => (true, false, false, true),   // B cut off: the 5 wins of A
                < 38 => (false, false, false, true),
                < 90 => (true, false, true, false),
                _ => (false, false, false, false),
            };
            a.Add(new ResultItem(id, aOk, aCut ? "length" : "stop", aCut ? 300 : 180));
            b.Add(new ResultItem(id, bOk, bCut ? "length" : "stop", bCut ? 768 : 190));
        }
        return (a, b);
    }

    private static PairedAuditResult Audit()
    {
        var (a, b) = Items();
        return PairedAudit.Run(PairedInput.FromRecord(Record(300, a)), PairedInput.FromRecord(Record(768, b)));
    }

    [Fact]
    public void Records_use_the_extension_schema()
    {
        var (a, _) = Items();
        Assert.Equal(SchemaVersions.LedgerCluster, Record(300, a).Body.SchemaVersion);
    }

    [Fact]
    public void Protocol_diff_is_exactly_the_token_limit()
    {
        var result = Audit();
        Assert.Equal([new ProtocolDifference("model.params.max_tokens", new JInteger(300), new JInteger(768))], result.ProtocolDiff);
    }

    [Fact]
    public void Truncation_rates_come_from_finish_reason()
    {
        var t = Audit().Truncation;
        Assert.Equal((31, 100, 7, 100), (t.ATruncated, t.AKnown, t.BTruncated, t.BKnown));
        Assert.Equal(0.31, t.ARate!.Value, 12);
        Assert.Equal(0.07, t.BRate!.Value, 12);
        Assert.Equal((300L, 768L), (t.ATokenLimit!.Value, t.BTokenLimit!.Value));
        Assert.Equal(25, t.ATruncatedWhereOnlyBRight);
        Assert.Equal(5, t.BTruncatedWhereOnlyARight);
    }

    [Fact]
    public void Verdict_blames_truncation()
    {
        var result = Audit();
        Assert.Equal(new PairedTable(52, 5, 25, 18), result.Table);
        Assert.True(result.McNemarExactP < 0.001); // 2*P(X<=5), X~Bin(30,1/2) = 2*174437/2^30 = 0.000325
        Assert.Equal(VerdictKind.LikelyTruncationArtifact, result.VerdictKind);
        Assert.Equal("B is better by +20.0 points (p < 0.001), but the protocols differ in max_tokens (300 vs 768) and "
            + "A is truncated 4.4x more often (31% vs 7%); all 25 items only B got right were truncated in A: "
            + "the gain is likely an artifact of truncation, not the model.", result.Verdict);
    }

    [Fact]
    public void Truncation_under_the_same_limit_is_still_caught()
    {
        // The case study itself: both at 300 tokens, but the baseline's longer chains are cut off more often.
        var (a, b) = Items();
        var result = PairedAudit.Run(PairedInput.FromRecord(Record(300, a)), PairedInput.FromRecord(Record(300, b)));
        Assert.Empty(result.ProtocolDiff);
        Assert.Equal(VerdictKind.LikelyTruncationArtifact, result.VerdictKind);
        Assert.Contains("A is truncated 4.4x more often (31% vs 7%) under the same protocol", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_tokens_at_the_limit_count_as_truncated_without_finish_reason()
    {
        var (a, b) = Items();
        var result = PairedAudit.Run(
            PairedInput.FromItems("A", a.Select(i => new PairedItem(i.Id, i.Passed, null, i.OutputTokens)), Limit(300)),
            PairedInput.FromItems("B", b.Select(i => new PairedItem(i.Id, i.Passed, null, i.OutputTokens)), Limit(300)));
        Assert.Equal((31, 7), (result.Truncation.ATruncated, result.Truncation.BTruncated)); // 768 >= 300 too
        Assert.Equal(VerdictKind.LikelyTruncationArtifact, result.VerdictKind);
    }

    [Fact]
    public void Different_models_under_identical_settings_are_credited()
    {
        var (a, b) = Items();
        static ResultItem Clean(ResultItem i) => i with { FinishReason = "stop", OutputTokens = 100 };
        var result = PairedAudit.Run(
            PairedInput.FromRecord(Record(768, a.Select(Clean), "base")), PairedInput.FromRecord(Record(768, b.Select(Clean), "merged")));
        Assert.Equal([new ProtocolDifference("model.name", new JString("base"), new JString("merged"))], result.ProtocolDiff);
        Assert.Equal(VerdictKind.SignificantUnderIdenticalProtocols, result.VerdictKind);
        Assert.StartsWith("B is significantly better under identical protocols: +20.0 points", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_files_are_detected_on_load()
    {
        var (a, b) = Items();
        var dir = Directory.CreateTempSubdirectory("audit-");
        try
        {
            var pathA = Path.Combine(dir.FullName, "a.json");
            var pathB = Path.Combine(dir.FullName, "b.json");
            File.WriteAllText(pathA, Record(300, a).ToFileText());
            File.WriteAllText(pathB, Record(768, b).ToFileText());
            var result = PairedAudit.Run(pathA, pathB);
            Assert.Equal(VerdictKind.LikelyTruncationArtifact, result.VerdictKind);
            Assert.Contains("(record ", PairedInput.Load(pathA).Source, StringComparison.Ordinal);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Json_has_the_formats_section_8_shape()
    {
        var json = Audit().ToJson();
        foreach (var key in new[] { "n", "a_correct", "b_correct", "b_only_a", "c_only_b", "mcnemar_exact_p", "mcnemar_midp", "accuracy_a", "accuracy_b", "diff", "protocol_diff", "truncation", "verdict" })
            Assert.True(json.ContainsKey(key), key);
        Assert.Equal(new JInteger(100), json["n"]);
        Assert.Equal(new JInteger(5), json["b_only_a"]);
        Assert.Equal(new JInteger(25), json["c_only_b"]);
        var accuracyA = (JObject)json["accuracy_a"]!;
        Assert.Equal(new JFloat(0.57), accuracyA["value"]);
        Assert.Equal(2, ((JArray)accuracyA["wilson_95"]!).Count);
        var diff = (JObject)json["diff"]!;
        Assert.Equal(new JInteger(0), diff["seed"]);
        Assert.Equal(0.2, ((JFloat)diff["value"]!).Value, 12);
        var entry = (JObject)((JArray)json["protocol_diff"]!)[0];
        Assert.Equal(["field", "a", "b"], entry.Keys);
        var truncation = (JObject)json["truncation"]!;
        Assert.Equal(new JFloat(0.31), truncation["a_rate"]);
        Assert.Equal(new JFloat(0.07), truncation["b_rate"]);
        // Serializable as canonical JSON (no NaN), and stable for a fixed seed.
        Assert.Equal(CanonicalJson.Serialize(json), CanonicalJson.Serialize(Audit().ToJson()));
    }

    [Fact]
    public void Markdown_report_stands_on_its_own()
    {
        var md = Audit().ToMarkdown();
        foreach (var part in new[] { "# Paired audit", "**Verdict.**", "## What was compared", "## Outcomes", "## Statistics", "## Protocol", "## Truncation",
                     "| **A correct** | 52 (both) | 5 (b: only A) | 57 |", "`model.params.max_tokens` (**token limit**) | 300 | 768 |",
                     "| stopped at the token limit | 31 of 100 (31%) | 7 of 100 (7%) |", "<svg", "</svg>", "Wilson" })
            Assert.Contains(part, md, StringComparison.Ordinal);
    }

    private static SortedDictionary<string, JValue> Limit(long tokens) => new(StringComparer.Ordinal) { ["max_new_tokens"] = tokens };
}
