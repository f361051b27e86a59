using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Import.Eee;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.Core.Tests.Import;

public sealed class EeeImportTests : IDisposable
{
    private readonly Ed25519KeyPair _key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);

    public void Dispose() => _key.Dispose();

    public static TheoryData<string> Aggregates() => new() { "belief", "intention", "math", "demo" };

    private static string AggregatePath(string name) => name switch
    {
        "belief" => HarnessFiles.EeeBelief,
        "intention" => HarnessFiles.EeeIntention,
        "math" => HarnessFiles.EeeMath,
        _ => HarnessFiles.EeeDemo,
    };

    [SharedTheory]
    [MemberData(nameof(Aggregates))]
    public void Every_sidecar_imports_with_the_items_and_scores_it_holds(string name)
    {
        var aggregate = AggregatePath(name);
        var rows = HarnessFiles.Lines(HarnessFiles.SidecarOf(aggregate));
        var run = Assert.Single(EeeImporter.Import(aggregate, null, _key).Runs);
        var results = run.Record.Body.Results;
        Assert.Equal(rows.Count, results.Count);
        Assert.Equal(rows.Select(r => r.GetProperty("sample_id").GetString()), results.Select(r => r.TaskId));
        Assert.Equal(rows.Select(r => r.GetProperty("evaluation").GetProperty("score").GetDouble()), results.Select(r => r.Score));
        Assert.Equal(rows.Select(r => r.GetProperty("evaluation").GetProperty("is_correct").GetBoolean()), results.Select(r => r.Passed));
        Assert.Equal(rows.Select(r => r.GetProperty("output").GetProperty("raw")[0].GetString()), results.Select(r => r.Output));
        Assert.Equal(SchemaVersions.Verievals, run.Record.Body.SchemaVersion);
        Assert.All(run.Checks, c => Assert.True(c.Passed, c.ToString()));
        Assert.Equal(["checksum", "total_rows"], run.Checks.Select(c => c.Name));
        var report = RecordVerifier.Verify(JsonParser.Parse(run.Record.ToFileText()), VerificationInputs.None);
        Assert.True(report.Verified, string.Join("; ", report.Lines()));
    }

    [SharedFact]
    public void The_cut_math_sidecar_is_10_of_5000()
    {
        var run = Assert.Single(EeeImporter.Import(HarnessFiles.EeeMath, null, _key).Runs);
        Assert.Equal("10 of 5,000 items (partial)", run.Coverage);
        Assert.Equal("unknown-partial-10of5000", run.Benchmark.Version);
    }

    [SharedFact]
    public void Multiple_choice_expected_is_the_indexed_option_and_the_source_aggregate_agrees()
    {
        var run = Assert.Single(EeeImporter.Import(HarnessFiles.EeeBelief, null, _key).Runs);
        var rows = HarnessFiles.Lines(HarnessFiles.SidecarOf(HarnessFiles.EeeBelief));
        for (var i = 0; i < rows.Count; i++)
        {
            var input = rows[i].GetProperty("input");
            Assert.Equal(input.GetProperty("choices")[int.Parse(input.GetProperty("reference")[0].GetString()!)].GetString(), run.Record.Body.Results[i].Expected);
        }
        var acc = Assert.Single(run.SourceAggregates);
        Assert.True(acc.Agrees);
        Assert.Equal(0.45, run.Record.Body.Aggregate.Accuracy, 12);
    }

    [SharedFact]
    public void Token_counts_ride_in_the_hashed_item_facts()
    {
        var run = Assert.Single(EeeImporter.Import(HarnessFiles.EeeDemo, null, _key).Runs);
        var facts = (JObject)run.Record.Body.Model.Params["item_facts"]!;
        Assert.Equal("{\"demo_0001\":{\"output_tokens\":5}}", CanonicalJson.Serialize(facts));
        // A source aggregate the items do not give is reported with both numbers.
        var aggregate = Assert.Single(run.SourceAggregates);
        Assert.Equal((0.75, 1.0, false), (aggregate.SourceValue, aggregate.ItemValue!.Value, aggregate.Agrees));
    }

    [SharedFact]
    public void An_aggregate_without_per_item_results_is_refused()
    {
        var e = Assert.Throws<ImportFormatException>(() => EeeImporter.Import(HarnessFiles.EeeDatastoreV022, null, _key));
        Assert.Contains("no per-item results", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void A_sidecar_of_another_evaluation_is_refused()
    {
        var e = Assert.Throws<ImportFormatException>(() => EeeImporter.Import(HarnessFiles.EeeBelief, HarnessFiles.SidecarOf(HarnessFiles.EeeIntention), _key));
        Assert.Contains("a sidecar of another evaluation", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void A_file_of_another_harness_is_refused()
    {
        var e = Assert.Throws<ImportFormatException>(() => EeeImporter.Import(HarnessFiles.Results(HarnessFiles.NegotiationDate), null, _key));
        Assert.Contains("not an Every Eval Ever aggregate", e.Message, StringComparison.Ordinal);
        Assert.Contains("lm-eval", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void An_edited_sidecar_fails_the_checksum_and_a_cut_one_the_row_count()
    {
        using var dir = new TempDir();
        var aggregate = dir.Write(Path.GetFileName(HarnessFiles.EeeBelief), File.ReadAllText(HarnessFiles.EeeBelief));
        var lines = File.ReadAllLines(HarnessFiles.SidecarOf(HarnessFiles.EeeBelief));
        var sidecar = dir.Write(Path.GetFileName(HarnessFiles.SidecarOf(HarnessFiles.EeeBelief)), string.Join("\n", lines.Take(19)) + "\n");
        var run = Assert.Single(EeeImporter.Import(aggregate, sidecar, _key).Runs);
        Assert.False(run.Checks.Single(c => c.Name == "checksum").Passed);
        Assert.False(run.Checks.Single(c => c.Name == "total_rows").Passed);
        Assert.Equal("19 of 20 items (partial)", run.Coverage);
    }
}
