using LedgerCluster.Core.Contamination;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Contamination;

public sealed class ContaminationScannerTests
{
    private const string Janet = "Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?";
    private const string Robe = "A robe takes 2 bolts of blue fiber and half that much white fiber.  How many bolts in total does it take?";
    private const string Unrelated = "The committee reviewed the quarterly budget and agreed to postpone the renovation of the library until spring.";

    private static readonly (string Id, string Prompt, string? Expected)[] Items =
        [("janet", Janet, "18"), ("robe", Robe, "3"), ("capital", "Capital of Australia?", "Canberra"), ("tiny", "2+2?", "4")];

    private static ContaminationFinding Find(ContaminationReport report, string id) => report.Findings.Single(f => f.Id == id);

    [Fact]
    public void An_item_pasted_inside_a_longer_document_is_flagged_with_its_line()
    {
        var training = string.Join('\n',
            Line("An essay about farming that goes on for a while before anything interesting happens."),
            Line($"Here is a practice problem I found online: {Janet} Think step by step, then answer. The rest of this document talks about markets."),
            Line(Unrelated));
        var report = ContaminationScanner.Scan(Items, TrainingCorpus.FromText(training));

        var janet = Find(report, "janet");
        Assert.True(janet.Flagged);
        Assert.Equal(MatchMethod.Words, janet.Method);
        Assert.Equal(1.0, janet.Containment); // containment, not Jaccard: the surrounding text does not dilute it
        Assert.Equal(2, janet.Span!.StartLine);
        Assert.Equal(2, janet.Span.EndLine);
        Assert.StartsWith("Janet’s ducks lay 16 eggs", janet.Span.Excerpt, StringComparison.Ordinal);
        Assert.EndsWith("at the farmers' market", janet.Span.Excerpt, StringComparison.Ordinal);
        Assert.False(Find(report, "robe").Flagged);
        Assert.Equal(0, Find(report, "robe").Matched);
        Assert.Equal(TrainingFormat.JsonLines, report.Training.Format);
        Assert.Equal(3, report.Training.Documents);
    }

    [Fact]
    public void Unrelated_text_is_not_flagged()
    {
        var report = ContaminationScanner.Scan(Items, TrainingCorpus.FromText(string.Join('\n', Enumerable.Repeat(Unrelated, 50))));
        Assert.Empty(report.Flagged);
        Assert.All(report.Findings, f => Assert.Null(f.Span));
    }

    [Fact]
    public void Formatting_differences_do_not_hide_a_match()
    {
        // Fullwidth digits, upper case, extra whitespace, a line break and different punctuation.
        var disguised = "A ROBE takes ２ bolts of\n blue fiber, and half that much white fiber -- how many bolts in total does it take";
        var report = ContaminationScanner.Scan(Items, TrainingCorpus.FromText($"intro\n{disguised}\noutro", TrainingFormat.PlainText));
        var robe = Find(report, "robe");
        Assert.True(robe.Flagged);
        Assert.Equal(1.0, robe.Containment);
        Assert.Equal((2L, 3L), (robe.Span!.StartLine, robe.Span.EndLine)); // wrapped over two lines of one paragraph
    }

    [Fact]
    public void Short_items_use_character_grams()
    {
        var report = ContaminationScanner.Scan(Items, TrainingCorpus.FromText(Line("Quiz: capital of Australia? (answer below)")));
        var capital = Find(report, "capital");
        Assert.Equal(MatchMethod.Chars, capital.Method);
        Assert.True(capital.Flagged);
        Assert.Equal(1.0, capital.Containment);
        Assert.Equal("capital of Australia", capital.Span!.Excerpt);
        Assert.Equal(MatchMethod.TooShort, Find(report, "tiny").Method); // "2 2" is shorter than one 13-char gram
        Assert.False(Find(report, "tiny").Flagged);
    }

    [Fact]
    public void Chat_messages_and_partial_overlap()
    {
        // Only the first half of the question appears: containment about one half.
        var half = Janet[..(Janet.Length / 2)];
        var chat = new JObject { { "messages", new JArray(new JObject { { "role", "user" }, { "content", half } }, new JObject { { "role", "assistant" }, { "content", "ok" } }) } };
        var report = ContaminationScanner.Scan(Items, TrainingCorpus.FromText(CanonicalJson.Serialize(chat)));
        var janet = Find(report, "janet");
        Assert.InRange(janet.Containment, 0.35, 0.65);
        Assert.Equal(janet.Containment >= 0.5, janet.Flagged);
        Assert.Equal(janet.Matched, janet.Span!.MatchedInDocument);
    }

    [Fact]
    public void Threshold_and_expected_answer_are_options()
    {
        var training = TrainingCorpus.FromText(Line(Janet)); // question only, no answer
        var withAnswer = ContaminationScanner.Scan(Items, training, new ContaminationOptions { IncludeExpected = true });
        var janet = Find(withAnswer, "janet");
        Assert.True(janet.Matched < janet.NGrams); // the last 8-gram runs into "18", which the training text lacks
        Assert.True(janet.Flagged);
        var strict = ContaminationScanner.Scan(Items, training, new ContaminationOptions { IncludeExpected = true, Threshold = 1.0 });
        Assert.False(Find(strict, "janet").Flagged);
    }

    [Fact]
    public void Report_json_and_markdown()
    {
        var report = ContaminationScanner.Scan(Items, TrainingCorpus.FromText(Line($"prefix {Janet} suffix")));
        var json = report.ToJson();
        Assert.Equal(new JInteger(1), json["flagged"]);
        var finding = (JObject)((JArray)json["findings"]!)[0];
        Assert.Equal(new JString("janet"), finding["id"]);
        Assert.Equal(new JInteger(1), ((JObject)finding["span"]!)["start_line"]);
        var md = report.ToMarkdown();
        Assert.Contains("**1 of 4 benchmark items flagged**", md, StringComparison.Ordinal);
        Assert.Contains("| janet | 100% |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_that_are_not_json_are_read_as_text()
    {
        var report = ContaminationScanner.Scan(Items, TrainingCorpus.FromText($"{Line("x")}\n{Janet}", TrainingFormat.JsonLines));
        Assert.True(Find(report, "janet").Flagged);
        Assert.Equal(1, report.Training.NotJsonLines);
    }

    private static string Line(string text) => CanonicalJson.Serialize(new JObject { { "text", text }, { "source", "web" } });
}
