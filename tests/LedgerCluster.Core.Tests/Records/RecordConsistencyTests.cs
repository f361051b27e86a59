using System.Text;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Records;

/// <summary>The one-pass consistency read agrees with <see cref="RecordBody.Contradiction"/> on the records it is asked about.</summary>
public sealed class RecordConsistencyTests
{
    public static TheoryData<string> Records()
    {
        using var key = VerievalsSdkRecords.Key();
        var consistent = VerievalsSdkRecords.GradedVerbatim(key).ToFileText();
        var data = new TheoryData<string>
        {
            consistent,
            VerievalsSdkRecords.ExtraMetric(key).ToFileText(),
            VerievalsSdkRecords.Contradiction(key).ToFileText(),
            // Canonical (compact) form, and with a byte order mark, as some older logged records have.
            CanonicalJson.Serialize(JsonParser.Parse(consistent)),
            "\uFEFF" + consistent,
        };
        // Each way a record can contradict itself: a passed flag flipped, the count, the passed metric.
        var flipped = consistent.Replace("\"passed\": true", "\"passed\": false", StringComparison.Ordinal);
        data.Add(flipped);
        data.Add(System.Text.RegularExpressions.Regex.Replace(consistent, "\"num_tasks\": [0-9]+", "\"num_tasks\": 999"));
        data.Add(System.Text.RegularExpressions.Regex.Replace(consistent, "\"passed\": [0-9.]+", "\"passed\": 999.0"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void It_holds_exactly_when_the_parsed_record_names_no_contradiction(string text)
    {
        var expected = RunRecord.Parse(text).Body.Contradiction() is null;
        Assert.Equal(expected, RecordConsistency.Holds(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void The_cases_include_both_answers()
    {
        var answers = new HashSet<bool>();
        foreach (string text in Records()) answers.Add(RecordConsistency.Holds(Encoding.UTF8.GetBytes(text)));
        Assert.Equal([false, true], answers.Order());
    }
}
