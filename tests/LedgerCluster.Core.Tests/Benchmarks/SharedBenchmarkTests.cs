using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Benchmarks;

/// <summary>The four verievals benchmarks load to exactly the content hashes in the vectors.</summary>
public sealed class SharedBenchmarkTests
{
    public static IEnumerable<object[]> Names() =>
        Kat.Rows(() => ((JObject)Kat.Vectors["benchmark_content_hashes"]!).Keys.Select(k => new object[] { k }));

    [SharedTheory]
    [MemberData(nameof(Names))]
    public void Shared_benchmark_hashes_to_the_vector(string name)
    {
        var vector = (JObject)((JObject)Kat.Vectors["benchmark_content_hashes"]!)[name]!;
        var benchmark = BenchmarkLoader.Load(SharedData.Path("verievals", "benchmarks", name));

        Assert.Equal(Kat.Str(vector["id"]), benchmark.Id);
        Assert.Equal(Kat.Str(vector["version"]), benchmark.Version);
        Assert.Equal(Kat.Str(vector["scorer"]), benchmark.Scorer);
        Assert.Equal((long)((JInteger)vector["num_tasks"]!).Value, benchmark.Tasks.Count);
        Assert.Equal(Kat.Str(vector["content_hash"]), benchmark.ContentHash());
        Assert.Equal(new LedgerCluster.Core.Records.BenchmarkRef(benchmark.Id, benchmark.Version, Kat.Str(vector["content_hash"])), benchmark.ToRef());
    }

    [SharedFact]
    public void Gsm8k_full_has_all_1319_test_items()
    {
        var benchmark = BenchmarkLoader.Load(SharedData.Path("verievals", "benchmarks", "gsm8k-full"));
        Assert.Equal(1319, benchmark.Tasks.Count);
        Assert.Equal("gsm8k-test-0001", benchmark.Tasks[0].Id);
        Assert.Equal("18", benchmark.Tasks[0].Expected);
        Assert.Equal("gsm8k-test-1319", benchmark.Tasks[^1].Id);
        Assert.All(benchmark.Tasks, t => Assert.Empty(t.Metadata));
        Assert.StartsWith("The official GSM8K test split", benchmark.Description);
    }

    [SharedFact]
    public void Loading_via_the_yaml_path_is_the_same_as_via_the_directory()
    {
        var dir = SharedData.Path("verievals", "benchmarks", "arithmetic");
        Assert.Equal(BenchmarkLoader.Load(dir).ContentHash(), BenchmarkLoader.Load(Path.Combine(dir, "benchmark.yaml")).ContentHash());
    }

    [SharedFact]
    public void Metadata_and_description_are_read_but_only_metadata_is_hashed()
    {
        var benchmark = BenchmarkLoader.Load(SharedData.Path("verievals", "benchmarks", "capitals"));
        Assert.Equal(new JObject { { "continent", "Europe" } }, benchmark.Tasks[0].Metadata);
        var withoutDescription = new Benchmark(benchmark.Id, benchmark.Version, benchmark.Scorer, null, benchmark.Tasks);
        Assert.Equal(benchmark.ContentHash(), withoutDescription.ContentHash());
    }

    [SharedTheory]
    [InlineData("arithmetic")]
    [InlineData("capitals")]
    [InlineData("gsm8k")]
    [InlineData("gsm8k-full")]
    public void Writer_reproduces_the_verievals_tasks_file_byte_for_byte(string name)
    {
        var dir = SharedData.Path("verievals", "benchmarks", name);
        var benchmark = BenchmarkLoader.Load(dir);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "tasks.jsonl")), BenchmarkWriter.FormatTasks(benchmark.Tasks));
    }
}
