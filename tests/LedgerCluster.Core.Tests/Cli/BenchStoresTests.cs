using LedgerCluster.Core.Json;
using LedgerCluster.Core.Tests.Support;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>`ledger bench --stores`: both embedded stores in one run, side by side; behaviour only, never timings.</summary>
public sealed class BenchStoresTests
{
    [AzuriteInstalledFact]
    public async Task A_tiny_run_reports_sqlite_and_azurite_side_by_side_with_the_ratio()
    {
        var run = await CliRun.Of("bench", "--stores", "sqlite,azurite", "--records", "40", "--concurrency", "4", "--batch-size", "10",
            "--batch-concurrency", "2", "--verify-seconds", "0.2", "--json");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);

        var report = (JObject)JsonParser.Parse(run.Out);
        Assert.True(report["passed"] is JBool { Value: true });
        var stores = ((JArray)report["stores"]!).Items.Cast<JObject>().ToList();
        Assert.Equal(["sqlite", "azurite"], stores.Select(s => Kat.Str(s["store"])));
        foreach (var store in stores)
        {
            Assert.True(store["embedded"] is JBool { Value: true });
            Assert.True(store["passed"] is JBool { Value: true });
            var phases = ((JArray)store["phases"]!).Items.Cast<JObject>().ToList();
            Assert.Equal(["single", "batch"], phases.Select(p => Kat.Str(p["mode"])));
            Assert.All(phases, p => Assert.Equal(40, ((JInteger)p["accepted"]!).Value));
            Assert.All(phases, p => Assert.True(Rate(p["records_per_s"]) > 0));
            var log = (JObject)store["log"]!;
            Assert.Equal(80, ((JInteger)log["leaves_added"]!).Value);
            Assert.True(log["one_leaf_per_record"] is JBool { Value: true });
        }

        var comparison = ((JArray)report["comparison"]!).Items.Cast<JObject>().ToList();
        Assert.Equal([("single", "sqlite"), ("single", "azurite"), ("batch", "sqlite"), ("batch", "azurite")],
            comparison.Select(c => (Kat.Str(c["phase"]), Kat.Str(c["store"]))));
        foreach (var row in comparison.Where(c => Kat.Str(c["store"]) == "azurite"))
        {
            var sqlite = comparison.Single(c => Kat.Str(c["store"]) == "sqlite" && Kat.Str(c["phase"]) == Kat.Str(row["phase"]));
            Assert.Equal(Rate(row["records_per_s"]) / Rate(sqlite["records_per_s"]), Rate(row["ratio_to_sqlite"]), 2);
            Assert.IsType<JBool>(row["target_met"]);
        }
    }

    [Theory]
    [InlineData("--stores", "mongo")]
    [InlineData("--stores", "sqlite", "--gateway", "http://127.0.0.1:1")]
    [InlineData("--stores", "azurite", "--witnessed", "10")]
    public async Task Bad_store_options_are_usage_errors(params string[] args)
    {
        var run = await CliRun.Of(["bench", .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ledger: --stores", run.Error, StringComparison.Ordinal);
    }

    private static double Rate(JValue? v) => v switch
    {
        JInteger i => (double)i.Value,
        JFloat f => f.Value,
        _ => throw new InvalidOperationException($"not a number: {v}"),
    };
}
