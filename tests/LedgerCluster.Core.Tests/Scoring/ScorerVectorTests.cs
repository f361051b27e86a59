using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Scoring;

namespace LedgerCluster.Core.Tests.Scoring;

/// <summary>Every scorer case in vectors.json, loaded as-is, and the scores inside the KAT records.</summary>
public sealed class ScorerVectorTests
{
    public static IEnumerable<object[]> Cases() => Kat.Rows(() =>
        ((JObject)Kat.Vectors["scorers"]!).SelectMany(scorer =>
            ((JArray)scorer.Value).Items.Select((c, i) => new object[] { scorer.Key, i })));

    [SharedFact]
    public void Vectors_cover_all_four_scorers() =>
        Assert.Equal(Scorers.KnownIds, ((JObject)Kat.Vectors["scorers"]!).Keys.Order(StringComparer.Ordinal));

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void Scorer_matches_the_vector(string scorerId, int index)
    {
        var c = (JObject)((JArray)((JObject)Kat.Vectors["scorers"]!)[scorerId]!)[index];
        var expected = c["expected"] is JString s ? s.Value : null;
        var result = Scorers.Get(scorerId).Score(Kat.Str(c["output"]), expected);
        Assert.Equal(((JFloat)c["value"]!).Value, result.Value);
        Assert.Equal(((JBool)c["passed"]!).Value, result.Passed);
    }

    public static IEnumerable<object[]> RecordIds() => Kat.Rows(() => Kat.RecordFiles.Select(f => new object[] { Path.GetFileNameWithoutExtension(f) }));

    [SharedTheory]
    [MemberData(nameof(RecordIds))]
    public void Rescoring_a_kat_record_gives_its_recorded_scores(string id)
    {
        var record = RunRecord.Parse(File.ReadAllBytes(Path.Combine(Kat.RecordsDir, id + ".json")));
        var scorer = Scorers.Get(record.Body.Aggregate.Scorer);
        Assert.All(record.Body.Results, r =>
        {
            var score = scorer.Score(r.Output, r.Expected);
            Assert.Equal((r.Score, r.Passed), (score.Value, score.Passed));
        });
    }

    [Fact]
    public void Unknown_scorer_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Scorers.Get("bleu"));
        Assert.Contains("unknown scorer \"bleu\" (known: exact_match, gsm8k, numeric, regex_match)", e.Message);
        Assert.Equal(["exact_match", "gsm8k", "numeric", "regex_match"], Scorers.KnownIds);
    }
}
