using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Audit;

/// <summary>The per-item results shapes: JSON object, JSON Lines, and what is reported when items do not pair.</summary>
public sealed class ResultsInputTests
{
    private const string Json = """
        {"config": {"max_new_tokens": 300, "temperature": 0.0}, "meta": {"elapsed_s": 12.5, "n_total": 4},
         "results": [
          {"id": "q1", "correct": true, "finish_reason": "stop", "output_tokens": 120},
          {"id": "q2", "correct": false, "finish_reason": "length", "output_tokens": 300},
          {"id": "q3", "error": "OverflowError"},
          {"id": 4, "correct": true, "usage": {"completion_tokens": 300}}
        ]}
        """;

    private const string Jsonl = """
        {"id": "q1", "correct": true, "stop_reason": "end_turn"}
        {"id": "q2", "correct": true, "stop_reason": "max_tokens"}

        {"id": "q5", "correct": false, "truncated": true}
        """;

    [Fact]
    public void Json_object_items_settings_and_truncation()
    {
        var input = PairedInput.Parse(Json, "a");
        Assert.Equal(["q1", "q2", "q3", "4"], input.Items.Select(i => i.Id));
        Assert.Equal([true, false, null, true], input.Items.Select(i => i.Correct));
        Assert.Equal(new PairedItem("4", true, null, 300), input.Items[3]);
        Assert.Equal(300, input.TokenLimit);
        // Settings are kept under their own names; bookkeeping (elapsed time, counts) is not a setting.
        Assert.Equal(["max_new_tokens", "temperature"], input.Protocol.Keys);
    }

    [Fact]
    public void Json_lines_are_detected_and_finish_reasons_normalized()
    {
        var input = PairedInput.Parse(Jsonl, "b");
        Assert.Equal(["q1", "q2", "q5"], input.Items.Select(i => i.Id));
        Assert.Equal(["end_turn", "length", "length"], input.Items.Select(i => i.FinishReason));
        Assert.Empty(input.Protocol);
    }

    [Fact]
    public void Unpaired_and_unscored_items_are_reported_and_left_out()
    {
        var result = PairedAudit.Run(PairedInput.Parse(Json, "a"), PairedInput.Parse(Jsonl, "b"));
        Assert.Equal(2, result.N); // q1 and q2
        Assert.Equal(new PairedTable(1, 0, 1, 0), result.Table);
        Assert.Equal(["q3", "4"], result.Unpaired.OnlyInA.Examples);
        Assert.Equal(["q5"], result.Unpaired.OnlyInB.Examples);
        Assert.Equal(["q3"], result.Unpaired.NoCorrectA.Examples);
        Assert.Equal(0, result.Unpaired.NoCorrectB.Count);
        var unpaired = (JObject)result.ToJson()["unpaired"]!;
        Assert.Equal(new JInteger(2), ((JObject)unpaired["only_in_a"]!)["count"]);
        // Truncation over the paired items: A cut q2 (finish_reason), B cut q2 (Anthropic's "max_tokens").
        Assert.Equal((1, 2, 1, 2), (result.Truncation.ATruncated, result.Truncation.AKnown, result.Truncation.BTruncated, result.Truncation.BKnown));
        Assert.Contains("- 1 in A without `correct`: `q3`", result.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Differing_settings_from_results_files_are_diffed()
    {
        var b = Json.Replace("\"max_new_tokens\": 300", "\"max_new_tokens\": 768", StringComparison.Ordinal).Replace("12.5", "99.0", StringComparison.Ordinal);
        var result = PairedAudit.Run(PairedInput.Parse(Json, "a"), PairedInput.Parse(b, "b"));
        Assert.Equal([new ProtocolDifference("max_new_tokens", new JInteger(300), new JInteger(768))], result.ProtocolDiff);
    }

    [Fact]
    public void A_repeated_id_is_an_error()
    {
        var input = PairedInput.Parse("""{"results": [{"id": "x", "correct": true}, {"id": "x", "correct": false}]}""", "dup");
        var e = Assert.Throws<AuditInputException>(() => PairedAudit.Run(input, input));
        Assert.Contains("\"x\" appears more than once", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"results": [{"correct": true}]}""", "item has no \"id\"")]
    [InlineData("{\"id\": \"a\", \"correct\": true}\nnot json\n", ":2: not JSON")]
    [InlineData("""{"something": 1}""", "neither a run record nor results")]
    public void Unreadable_inputs_say_where(string text, string expected)
    {
        var e = Assert.Throws<AuditInputException>(() => PairedInput.Parse(text, "x", "input.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_paired_items_gives_a_plain_verdict_and_nulls()
    {
        var result = PairedAudit.Run(PairedInput.FromItems("A", [new PairedItem("a", true)]), PairedInput.FromItems("B", [new PairedItem("b", true)]));
        Assert.Equal(VerdictKind.NoPairedItems, result.VerdictKind);
        var json = result.ToJson();
        Assert.Equal(JNull.Instance, ((JObject)json["accuracy_a"]!)["value"]);
        CanonicalJson.Serialize(json); // no NaN anywhere
        Assert.Contains("No item was scored on both sides", result.ToMarkdown(), StringComparison.Ordinal);
    }
}
