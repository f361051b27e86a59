using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Scoring;

namespace LedgerCluster.Core.Tests.Benchmarks;

/// <summary>The project's own benchmarks under benchmarks/ and their fixtures.</summary>
public sealed class BundledBenchmarkTests
{
    // Pinned identities (also what verievals computes for these directories): editing tasks means bumping the version.
    [Theory]
    [InlineData("unit-conversions", "numeric", 13, "1546f80fb95ac52616d3ffe66e9aa19737f53ff821bfd541f7b7c64a9a681276")]
    [InlineData("world-rivers", "exact_match", 11, "027c8d5cdd7a3cdfdea7ac375130cc447ab86771dd08b2a17b815f5c57996b81")]
    public void Bundled_benchmark_loads_with_its_pinned_hash(string name, string scorer, int tasks, string hash)
    {
        var benchmark = BenchmarkLoader.Load(RepoPaths.Path("benchmarks", name));
        Assert.Equal(name, benchmark.Id);
        Assert.Equal("1.0.0", benchmark.Version);
        Assert.Equal(scorer, benchmark.Scorer);
        Assert.Equal(tasks, benchmark.Tasks.Count);
        Assert.Equal(hash, benchmark.ContentHash());
    }

    [Theory]
    [InlineData("unit-conversions", "conversion-solver", 11)]
    [InlineData("world-rivers", "river-solver", 10)]
    public async Task Fixture_passes_most_tasks_and_echo_passes_none(string name, string fixtureName, int expectedPasses)
    {
        var benchmark = BenchmarkLoader.Load(RepoPaths.Path("benchmarks", name));
        var scorer = Scorers.Get(benchmark.Scorer);
        var fixture = ModelSpec.Parse($"fixture:{RepoPaths.Path("benchmarks", "fixtures", name + ".json")}");
        Assert.Equal(fixtureName, fixture.Info.Name);

        var fixturePasses = 0;
        var echoPasses = 0;
        foreach (var task in benchmark.Tasks)
        {
            if (scorer.Score((await fixture.GenerateAsync(task.Prompt)).Text, task.Expected).Passed) fixturePasses++;
            if (scorer.Score(EchoModel.Reply(task.Prompt), task.Expected).Passed) echoPasses++;
        }
        Assert.Equal(expectedPasses, fixturePasses);
        Assert.Equal(0, echoPasses);
    }
}
