using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>`ledger bench --scale` at tiny sizes: every field of the report is there and plausible; never timings.</summary>
public sealed class BenchScaleTests
{
    [Fact]
    public async Task A_tiny_scale_run_reports_bytes_per_entry_memory_activation_and_ratios()
    {
        var run = await CliRun.Of("bench", "--scale", "300,600", "--shards", "2", "--batch-size", "100", "--json");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        var report = (JObject)JsonParser.Parse(run.Out);
        Assert.True(report["passed"] is JBool { Value: true });
        var points = ((JArray)report["points"]!).Items.Cast<JObject>().ToList();
        Assert.Equal([300L, 600L], points.Select(p => Long(p, "records")));
        foreach (var point in points)
        {
            Assert.Equal(point["records"], point["accepted"]);
            var (store, stored, raw) = (Long(point, "store_bytes"), Long(point, "stored_record_bytes"), Long(point, "record_bytes"));
            // Records are kept compressed, and the store holds at least them.
            Assert.InRange(stored, 1, raw - 1);
            Assert.True(store > stored);
            Assert.Equal((double)(store - stored) / Long(point, "records"), Number(point, "overhead_bytes_per_entry"), 0.1);
            Assert.True(Number(point, "compression_ratio") > 1);
            foreach (var field in new[] { "working_set_after_ingest_bytes", "heap_after_ingest_bytes", "working_set_after_restart_bytes", "heap_after_restart_bytes" })
                Assert.True(Long(point, field) > 0, field);
            // SQLite's allocations are part of the working set, named apart (after ingest the writer's page cache holds pages).
            Assert.InRange(Long(point, "sqlite_after_ingest_bytes"), 1, Long(point, "working_set_after_ingest_bytes"));
            Assert.InRange(Long(point, "sqlite_after_restart_bytes"), 0, Long(point, "working_set_after_restart_bytes"));
            Assert.True(Number(point, "activation_seconds") > 0);
            Assert.True(Number(point, "restart_seconds") >= Number(point, "activation_seconds"));
        }
        var ratios = (JObject)report["ratios"]!;
        foreach (var field in new[] { "working_set_after_ingest", "working_set_after_restart", "heap_after_ingest", "heap_after_restart", "activation", "restart" })
            Assert.True(Number(ratios, field) > 0, field);
        Assert.Equal(1.2, Number(ratios, "target"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100,abc")]
    [InlineData(",")]
    public async Task Bad_sizes_are_usage_errors(string sizes)
    {
        var run = await CliRun.Of("bench", "--scale", sizes);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ledger: --scale:", run.Error, StringComparison.Ordinal);
    }

    private static long Long(JObject o, string name) => o[name] is JInteger i ? (long)i.Value : throw new InvalidOperationException($"{name} is not an integer");

    private static double Number(JObject o, string name) => o[name] switch
    {
        JInteger i => (double)i.Value,
        JFloat f => f.Value,
        var other => throw new InvalidOperationException($"{name} is {other}"),
    };
}
