using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Cli;

/// <summary>`ledger bench --large-batch MIB`: one chunked batch of that size into a fresh node, every record answered, the memory rise reported (never judged).</summary>
public sealed class LargeBatchBenchTests
{
    [Fact]
    public async Task A_large_batch_is_sent_whole_and_every_record_is_answered()
    {
        var run = await CliRun.Of("bench", "--records", "20", "--mode", "batch", "--verify-seconds", "0.2", "--large-batch", "3", "--json");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        var large = (JObject)((JObject)JsonParser.Parse(run.Out))["large_batch"]!;
        Assert.True(((JInteger)large["bytes"]!).Value >= 3 * 1024 * 1024);
        Assert.True(((JInteger)large["records"]!).Value > 100);
        Assert.Equal(((JInteger)large["records"]!).Value, ((JInteger)large["accepted"]!).Value);
        Assert.True(large["working_set_rise_bytes"] is JInteger && large["live_heap_rise_bytes"] is JInteger);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("70000")]
    public async Task A_size_out_of_range_is_a_usage_error(string mebibytes)
    {
        var run = await CliRun.Of("bench", "--large-batch", mebibytes);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ledger: --large-batch", run.Error, StringComparison.Ordinal);
    }
}
