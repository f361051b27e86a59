using System.Text.Json;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Audit;

/// <summary>
/// The audit on the real per-item GSM8K logs of the case study (trace-pipeline-data): the cells are counted here
/// directly from the JSON with System.Text.Json, independently of the audit's own reader, and the published
/// figures in numbers_cross_check.json are checked too.
/// </summary>
public sealed class RealLogsTests
{
    private static string Data(params string[] parts) => SharedData.Path(["trace-pipeline-data", .. parts]);

    // id -> correct (null when the item has no boolean "correct"), read with System.Text.Json.
    private static Dictionary<string, bool?> Outcomes(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(
            r => r.GetProperty("id").GetString()!,
            r => r.TryGetProperty("correct", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False ? c.GetBoolean() : (bool?)null);
    }

    private static (int Both, int OnlyA, int OnlyB, int Neither) Count(Dictionary<string, bool?> a, Dictionary<string, bool?> b)
    {
        int both = 0, onlyA = 0, onlyB = 0, neither = 0;
        foreach (var (id, ca) in a)
        {
            if (ca is not { } x || !b.TryGetValue(id, out var cb) || cb is not { } y) continue;
            if (x && y) both++; else if (x) onlyA++; else if (y) onlyB++; else neither++;
        }
        return (both, onlyA, onlyB, neither);
    }

    private static JsonElement CrossCheck(string section)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Data("extra", "papers", "eval_trust", "numbers_cross_check.json")));
        return doc.RootElement.GetProperty(section).Clone();
    }

    [SharedFact]
    public void Instruct_vs_winner_at_768_tokens_matches_a_hand_count()
    {
        var instructPath = Data("data", "instruct_max_new768.json");
        var winnerPath = Data("data", "winner_max_new768.json");
        var (both, onlyA, onlyB, neither) = Count(Outcomes(instructPath), Outcomes(winnerPath));

        var result = PairedAudit.Run(instructPath, winnerPath);

        Assert.Equal(new PairedTable(both, onlyA, onlyB, neither), result.Table);
        Assert.Equal((108, 29, 27, 35), (both, onlyA, onlyB, neither)); // also the published cells
        var published = CrossCheck("max_new_768_paired");
        Assert.Equal(published.GetProperty("n").GetInt32(), result.N);
        Assert.Equal(published.GetProperty("instruct_correct").GetInt32(), result.Table.ACorrect);
        Assert.Equal(published.GetProperty("winner_correct").GetInt32(), result.Table.BCorrect);
        Assert.Equal(published.GetProperty("mcnemar_exact_2sided_p").GetDouble(), result.McNemarExactP, 4);
        // The winner's gsm8k-131 crashed ("error", no "correct"): reported and left out.
        Assert.Equal(1, result.Unpaired.NoCorrectB.Count);
        Assert.Equal(["gsm8k-131"], result.Unpaired.NoCorrectB.Examples);
        Assert.Equal(0, result.Unpaired.OnlyInA.Count + result.Unpaired.OnlyInB.Count);
        Assert.Empty(result.ProtocolDiff); // neither log records settings; elapsed times are not settings
        Assert.Equal(VerdictKind.NoSignificantDifference, result.VerdictKind);
        Assert.StartsWith("No significant difference: B - A = -1.0 points (p = 0.89", result.Verdict, StringComparison.Ordinal);
        Assert.Null(result.Truncation.ARate);
    }

    [SharedFact]
    public void Published_300_token_pair_is_significant()
    {
        // Only counts survive for max_new=300 (winner 119/200, instruct 99/200, b=21, c=41): rebuild the items from them.
        var published = CrossCheck("max_new_300_paired");
        int n = published.GetProperty("n").GetInt32(), b = published.GetProperty("b_instruct_only").GetInt32(), c = published.GetProperty("c_winner_only").GetInt32();
        var both = published.GetProperty("winner_correct").GetInt32() - c;
        var (instruct, winner) = AuditTestData.FromTable(both, b, c, n - both - b - c);

        var result = PairedAudit.Run(instruct, winner);

        Assert.Equal(published.GetProperty("instruct_correct").GetInt32(), result.Table.ACorrect);
        Assert.Equal(published.GetProperty("mcnemar_exact_2sided_p").GetDouble(), result.McNemarExactP, 4);
        Assert.Equal(0.10, result.Difference!.Value, 12);
        // The false improvement itself: significant, but nothing recorded can rule out truncation, and the verdict says so.
        Assert.Equal(VerdictKind.SignificantButUnchecked, result.VerdictKind);
        Assert.Equal("B is better by +10.0 points (p = 0.015), but neither input records its settings or truncation: "
            + "check that the losing side is not cut off by a token limit before crediting the model.", result.Verdict);
    }

    [SharedFact]
    public void Instruct_at_300_vs_768_tokens_names_the_token_limit()
    {
        // gsm8k_dev_200.json keeps the one per-item 300-token artefact: the ids Instruct got right at max_new=300.
        using var doc = JsonDocument.Parse(File.ReadAllText(Data("extra", "data", "gsm8k_dev_200.json")));
        var baseline = doc.RootElement.GetProperty("instruct_baseline");
        var right = baseline.GetProperty("correct_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        var wrong = baseline.GetProperty("fail_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        var at300 = right.Select(id => new PairedItem(id, true)).Concat(wrong.Select(id => new PairedItem(id, false)));
        var a = PairedInput.FromItems("Instruct, max_new_tokens 300", at300, Protocol(300));
        var b = PairedInput.Load(Data("data", "instruct_max_new768.json")) with { Protocol = Protocol(768) };
        var outcomes300 = right.ToDictionary(id => id, _ => (bool?)true).Concat(wrong.ToDictionary(id => id, _ => (bool?)false)).ToDictionary();
        var (both, onlyA, onlyB, neither) = Count(outcomes300, Outcomes(Data("data", "instruct_max_new768.json")));

        var result = PairedAudit.Run(a, b);

        Assert.Equal(new PairedTable(both, onlyA, onlyB, neither), result.Table);
        Assert.Equal(99, result.Table.ACorrect);
        Assert.Equal(138, result.Table.BCorrect);
        Assert.Equal([new ProtocolDifference("max_new_tokens", new JInteger(300), new JInteger(768))], result.ProtocolDiff);
        Assert.Equal(VerdictKind.SignificantButProtocolDiffers, result.VerdictKind);
        Assert.Contains("max_new_tokens (300 vs 768)", result.Verdict, StringComparison.Ordinal);
        Assert.Contains("truncation was not recorded", result.Verdict, StringComparison.Ordinal);
    }

    private static SortedDictionary<string, JValue> Protocol(long maxNewTokens) => new(StringComparer.Ordinal) { ["max_new_tokens"] = maxNewTokens };
}
