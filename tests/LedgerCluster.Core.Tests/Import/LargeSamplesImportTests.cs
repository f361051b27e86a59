using System.Diagnostics;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import.LmEval;
using LedgerCluster.Tests.Shared.Import;
using Xunit.Abstractions;

namespace LedgerCluster.Core.Tests.Import;

/// <summary>The 5,000-item file of the import benchmark (tests/LedgerCluster.Benchmarks) imports completely; the timing is the benchmark's job.</summary>
public sealed class LargeSamplesImportTests(ITestOutputHelper output)
{
    [SharedFact]
    public void A_5000_item_samples_file_made_from_real_rows_imports_every_item()
    {
        using var dir = new TempDir();
        var (results, samples) = LmEvalSamplesScaler.Write(SharedData.Root!, dir.Path, 5000);
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        var clock = Stopwatch.StartNew();
        var run = Assert.Single(LmEvalImporter.Import(results, [samples], key).Runs);
        output.WriteLine($"imported 5,000 items in {clock.ElapsedMilliseconds} ms");
        Assert.Equal("5,000 of 5,000 items", run.Coverage);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => i.ToString()), run.Record.Body.Results.Select(r => r.TaskId));
        Assert.All(run.Checks.Take(3), c => Assert.True(c.Passed, c.ToString()));
        // The rows are real but their order is not the run's, so lm-eval's task hash cannot match.
        Assert.False(run.Checks.Single(c => c.Name == "task_hash").Passed);
    }
}
