using System.Text.RegularExpressions;
using LedgerCluster.Tests.Shared;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// `deploy/bench-cluster.sh`, the scale-out measurement: a fresh cluster per silo count on Azurite, `ledger bench` over
/// every gateway, and the CPU each process used, so a run on any machine shows whether the silos or the machine were the limit.
/// </summary>
public sealed partial class BenchClusterScriptTests
{
    [RedisAzuriteFact]
    public async Task Each_silo_count_gets_its_own_cluster_a_passing_bench_and_the_cpu_of_every_process()
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string>
        {
            ["LEDGER"] = RepoPaths.LedgerApphost, ["RUN_DIR"] = dir.Path, ["STORAGE"] = "azure",
            ["LEDGER_AZURE_CONNECTION"] = Azurite.ConnectionString,
            ["REDIS_PORT"] = EmbeddedNode.FreePort().ToString(), ["HTTP_BASE"] = DeployedCluster.FreeBase(2).ToString(),
            ["SILO_BASE"] = DeployedCluster.FreeBase(2).ToString(), ["GATEWAY_BASE"] = DeployedCluster.FreeBase(2).ToString(),
        };
        var run = await ScriptRun.Of("bash", [RepoPaths.Path("deploy", "bench-cluster.sh"), "--silos", "1 2", "--records", "300"], env, TimeSpan.FromMinutes(4));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(2, Regex.Matches(run.Output, @"^Result: OK", RegexOptions.Multiline).Count);
        Assert.Contains("== 1 silo(s) on azure", run.Output);
        Assert.Contains("== 2 silo(s) on azure", run.Output);
        // Each gateway of the two-silo cluster took its share of the single-request phase.
        Assert.Equal(2, Regex.Matches(run.Output, @"^single\s+http://127\.0\.0\.1:\d+\s+[\d,]+ .* 150\s+0$", RegexOptions.Multiline).Count);
        var cpu = CpuLine().Matches(run.Output);
        Assert.Equal(2, cpu.Count);
        Assert.DoesNotContain("silo 2", cpu[0].Value);
        Assert.Contains("silo 2", cpu[1].Value);
        // Every silo worked for its requests, and the whole is at most what the machine has.
        foreach (Match line in cpu)
        {
            Assert.All(Regex.Matches(line.Value, @"silo \d+ ([\d.]+) s").Select(m => double.Parse(m.Groups[1].Value)), s => Assert.True(s > 0, line.Value));
            Assert.InRange(double.Parse(line.Groups["cores"].Value), 0.01, Environment.ProcessorCount + 0.5);
        }
        // Every cluster was stopped again: no silo pid files are left in the run directory.
        Assert.Empty(Directory.GetFiles(dir.Path, "silo-*.pid"));
    }

    [Fact]
    public async Task A_silo_count_that_is_not_a_number_is_refused_before_anything_starts()
    {
        using var dir = new TempDirectory();
        var run = await ScriptRun.Of("bash", [RepoPaths.Path("deploy", "bench-cluster.sh"), "--silos", "one"], new Dictionary<string, string> { ["RUN_DIR"] = dir.Path },
            TimeSpan.FromSeconds(30));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--silos takes silo counts from 1 to 99, not 'one'", run.Output);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [GeneratedRegex(@"^cpu over [\d.]+ s: (silo \d+ [\d.]+ s; )+azurite [\d.]+ s; bench [\d.]+ s; all [\d.]+ s = (?<cores>[\d.]+) of \d+ cores$", RegexOptions.Multiline)]
    private static partial Regex CpuLine();
}
