using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Benchmarks;

public sealed class BenchmarkWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Written_benchmark_loads_back_to_the_same_hash_and_tasks()
    {
        var metadata = new JObject
        {
            { "int", 3 }, { "float", 1.0 }, { "tiny", 1e-7 }, { "nested", new JObject { { "b", JBool.True }, { "a", JNull.Instance } } },
            { "list", new JArray(1, 2.5, "x") }, { "unicode", "Straße \u2028 \u0085 \u007f \t\"quoted\" \\ 😀" },
        };
        var original = new Benchmark("odd id: with # marks", "1.10", "yes", "A description with \"quotes\",\nnewlines, \u0001 and \u2029.",
        [
            new BenchmarkTask("t1", "Prompt\r\nwith\u2028breaks\u0000", "exp", metadata),
            new BenchmarkTask("t2", "no expected"),
            new BenchmarkTask("t3", "", "", new JObject()),
        ]);
        BenchmarkWriter.Write(original, _temp.Path("out"));

        var loaded = BenchmarkLoader.Load(_temp.Path("out"));
        Assert.Equal(original.ContentHash(), loaded.ContentHash());
        Assert.Equal(original.Id, loaded.Id);
        Assert.Equal(original.Version, loaded.Version);
        Assert.Equal(original.Scorer, loaded.Scorer);
        Assert.Equal(original.Description, loaded.Description);
        Assert.Equal(original.Tasks, loaded.Tasks);
        Assert.IsType<JInteger>(loaded.Tasks[0].Metadata["int"]);
        Assert.IsType<JFloat>(loaded.Tasks[0].Metadata["float"]);
    }

    [Fact]
    public void Yaml_quotes_what_would_not_read_back_as_a_string()
    {
        var yaml = BenchmarkWriter.FormatYaml(new Benchmark("gsm8k-full", "test-1.0.0", "true", null, [new BenchmarkTask("a", "b")]));
        Assert.Equal("id: gsm8k-full\nversion: \"test-1.0.0\"\nscorer: \"true\"\n", yaml);
    }

    [Fact]
    public void Task_lines_use_python_json_dumps_layout_and_omit_absent_fields()
    {
        Assert.Equal("{\"id\": \"a\", \"prompt\": \"b\"}", BenchmarkWriter.FormatTask(new BenchmarkTask("a", "b")));
        Assert.Equal("{\"id\": \"a\", \"prompt\": \"é\\n\", \"expected\": \"1\", \"metadata\": {\"k\": [1, 2.0], \"e\": {}}}",
            BenchmarkWriter.FormatTask(new BenchmarkTask("a", "é\n", "1", new JObject { { "k", new JArray(1, 2.0) }, { "e", new JObject() } })));
    }

    [Fact]
    public void A_benchmark_needs_tasks_with_unique_ids()
    {
        Assert.Throws<ArgumentException>(() => new Benchmark("a", "1", "numeric", null, []));
        Assert.Throws<ArgumentException>(() => new Benchmark("a", "1", "numeric", null, [new BenchmarkTask("x", "p"), new BenchmarkTask("x", "q")]));
        Assert.Throws<ArgumentException>(() => new Benchmark("", "1", "numeric", null, [new BenchmarkTask("x", "p")]));
    }
}
