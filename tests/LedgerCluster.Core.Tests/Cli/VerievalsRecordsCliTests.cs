using LedgerCluster.Core.Json;
using LedgerCluster.Core.Tests.Records;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>Records verievals writes on purpose verify from the command line; a self-contradicting one is ranked and named, not skipped.</summary>
public sealed class VerievalsRecordsCliTests
{
    [Fact]
    public async Task Sdk_records_verify_and_the_offline_board_shows_a_contradiction_as_self_reported_with_the_reason()
    {
        using var dir = new TempDir();
        using var key = VerievalsSdkRecords.Key();
        var records = dir.File("records");
        Directory.CreateDirectory(records);
        foreach (var record in new[] { VerievalsSdkRecords.GradedVerbatim(key), VerievalsSdkRecords.ExtraMetric(key), VerievalsSdkRecords.Contradiction(key) })
            File.WriteAllText(Path.Combine(records, record.Id + ".json"), record.ToFileText());

        foreach (var id in new[] { VerievalsSdkRecords.GradedVerbatimId, VerievalsSdkRecords.ExtraMetricId })
        {
            var verify = await CliRun.Of("verify", Path.Combine(records, id + ".json"));
            Assert.Equal(0, verify.ExitCode);
            Assert.EndsWith("Overall: SIGNED", verify.Out.TrimEnd(), StringComparison.Ordinal);
        }
        var contradiction = await CliRun.Of("verify", Path.Combine(records, VerievalsSdkRecords.ContradictionId + ".json"));
        Assert.Equal(1, contradiction.ExitCode);
        Assert.Contains("the record contradicts itself: aggregate accuracy 0.9 but results give 0.5", contradiction.Out, StringComparison.Ordinal);

        var json = await CliRun.Of("leaderboard", "--records", records, "--trust", "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.Empty(json.Error); // nothing skipped
        var rows = ((JArray)JsonParser.Parse(json.Out)).Items.Cast<JObject>().ToList();
        Assert.Equal(3, rows.Count);
        var last = rows[^1];
        Assert.Equal(VerievalsSdkRecords.ContradictionId, Kat.Str(last["record_id"]));
        Assert.Equal("self_reported", Kat.Str(last["tier"]));
        Assert.Equal("self-reported: aggregate accuracy 0.9 but results give 0.5", Kat.Str(last["verdict"]));
        Assert.All(rows.Take(2), r => Assert.Equal("signed", Kat.Str(r["tier"])));
        Assert.All(rows.Take(2), r => Assert.IsType<JNull>(r["verdict"]));

        var markdown = await CliRun.Of("leaderboard", "--records", records, "--trust");
        // Grouped by benchmark: 2nd of the greetings board, and a lower tier ranks below whatever the tests say (a range of its own).
        Assert.Contains($"| 2 | 2 | self_reported | 0.20 | greetings@1.0 |", markdown.Out, StringComparison.Ordinal);
        Assert.Contains($"- `{VerievalsSdkRecords.ContradictionId[..12]}` (rank 2): self-reported: aggregate accuracy 0.9 but results give 0.5", markdown.Out, StringComparison.Ordinal);
    }
}
