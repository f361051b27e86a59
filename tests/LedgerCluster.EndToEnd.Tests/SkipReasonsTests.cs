namespace LedgerCluster.EndToEnd.Tests;

/// <summary>tests/skip-reasons.sh, which tests/run.sh runs under its counts: each distinct skip reason with its count.</summary>
public sealed class SkipReasonsTests
{
    [Fact]
    public async Task Each_distinct_skip_reason_is_printed_with_its_count_most_frequent_first()
    {
        using var results = new TempDirectory();
        // The shape the trx logger writes (copied from a real run of a skipped Azure test), two files as run.sh gets one per project.
        await File.WriteAllTextAsync(results.File("a.trx"), Trx(Skipped("Azurite not found: start it"), Skipped("Azurite not found: start it"), Passed()));
        await File.WriteAllTextAsync(results.File("b.trx"), Trx(Skipped("Azurite not found: start it"), Skipped("redis-server &amp; `redis.sh` missing")));

        var run = await ScriptRun.Of("bash", [RepoPaths.Path("tests", "skip-reasons.sh"), results.Path], new Dictionary<string, string>(), TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["skipped: 3 x Azurite not found: start it", "skipped: 1 x redis-server & `redis.sh` missing"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Trx(params string[] results) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n  <Results>\n"
        + string.Concat(results) + "  </Results>\n</TestRun>\n";

    private static string Skipped(string reason) =>
        $"""
            <UnitTestResult testName="T" outcome="NotExecuted" testListId="x">
              <Output>
                <ErrorInfo>
                  <Message>{reason}</Message>
                </ErrorInfo>
              </Output>
            </UnitTestResult>

        """;

    private static string Passed() =>
        """
            <UnitTestResult testName="P" outcome="Passed" testListId="x">
              <Output>
                <ErrorInfo>
                  <Message>not a skip</Message>
                </ErrorInfo>
              </Output>
            </UnitTestResult>

        """;
}
