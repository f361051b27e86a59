using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>`ledger bench export` measures every format over the results it generated (figures are reported, never asserted).</summary>
public sealed class ExportBenchCommandTests
{
    [Fact]
    public async Task Reports_each_format_over_every_generated_result()
    {
        var run = await CliRun.Of("bench", "export", "--results", "300", "--per-record", "30", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var report = (JObject)JsonParser.Parse(run.Out);
        Assert.Equal(10, (long)((JInteger)report["records"]!).Value);
        var phases = ((JArray)report["phases"]!).Items.Cast<JObject>().ToList();
        Assert.Equal(["sft", "dpo", "sharegpt"], phases.Select(p => ((JString)p["format"]!).Value));
        Assert.All(phases, p => Assert.Equal(300, (long)((JInteger)p["results"]!).Value));
        // Task i fails in run n when (i + n) % 3 == 0: 100 failures, 200 passes; every task has both, so DPO pairs each failure.
        Assert.Equal([200L, 100L, 200L], phases.Select(p => (long)((JInteger)p["examples"]!).Value));
        Assert.All(phases, p => Assert.True(((JFloat)p["peak_working_set_mb"]!).Value > 0));
    }

    [Fact]
    public async Task Bad_sizes_exit_2()
    {
        var run = await CliRun.Of("bench", "export", "--results", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--results: must be between 1", run.Error, StringComparison.Ordinal);
    }
}
