using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Tests.Benchmarks;

public sealed class Gsm8kImporterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SharedFact]
    public void Importing_the_official_test_split_gives_the_published_gsm8k_full_hash()
    {
        var benchmark = Gsm8kImporter.Import(SharedData.Path("gsm8k", "test.jsonl"), _temp.Path("gsm8k-full"));

        var vector = (JObject)((JObject)Kat.Vectors["benchmark_content_hashes"]!)["gsm8k-full"]!;
        Assert.Equal(Kat.Str(vector["content_hash"]), benchmark.ContentHash());
        Assert.Equal(1319, benchmark.Tasks.Count);
        Assert.Equal(("gsm8k-full", "test-1.0.0", "gsm8k"), (benchmark.Id, benchmark.Version, benchmark.Scorer));
        // Byte-identical to what verievals' fetch script wrote.
        Assert.Equal(
            File.ReadAllBytes(SharedData.Path("verievals", "benchmarks", "gsm8k-full", "tasks.jsonl")),
            File.ReadAllBytes(_temp.Path("gsm8k-full", "tasks.jsonl")));
        Assert.Contains("MIT License", File.ReadAllText(_temp.Path("gsm8k-full", "NOTICE")));
        Assert.Contains("1,319", benchmark.Description);
    }

    [Fact]
    public void Id_and_version_can_be_chosen()
    {
        var source = _temp.Write("in.jsonl", "{\"question\": \"Q?\", \"answer\": \"so\\n#### 1,234\"}\n");
        var benchmark = Gsm8kImporter.Import(source, _temp.Path("out"), "gsm8k-mini", "v2");
        Assert.Equal(("gsm8k-mini", "v2"), (benchmark.Id, benchmark.Version));
        Assert.Equal(new BenchmarkTask("gsm8k-test-0001", "Q?", "1234"), benchmark.Tasks.Single());
    }

    [Theory]
    [InlineData("a\n#### 72", "72")]
    [InlineData("x #### 1 #### -3,000 ", "-3000")]
    [InlineData("no marker, 5", "no marker 5")]
    [InlineData("####\u00a0\u2003 7\u3000", "7")]
    public void Final_answer_is_the_text_after_the_last_marker(string answer, string expected) =>
        Assert.Equal(expected, Gsm8kImporter.FinalAnswer(answer));

    [Fact]
    public void Blank_lines_are_skipped_and_numbering_counts_items_only()
    {
        var source = _temp.Write("in.jsonl",
            "\n{\"question\": \"A\", \"answer\": \"#### 1\"}\r\n   \n\u2028{\"question\": \"B\", \"answer\": \"#### 2\"}\n");
        var tasks = Gsm8kImporter.ReadTasks(source);
        Assert.Equal(["gsm8k-test-0001", "gsm8k-test-0002"], tasks.Select(t => t.Id));
        Assert.Equal(["1", "2"], tasks.Select(t => t.Expected));
    }

    [Theory]
    [InlineData("{\"question\": \"Q\"}\n", 1, "field 'answer': missing required field")]
    [InlineData("\n{\"question\": 1, \"answer\": \"#### 1\"}\n", 2, "field 'question': expected a string, got int")]
    [InlineData("{\"question\": \"Q\", \"answer\": \"#### 1\"}\n{bad\n", 2, "invalid JSON")]
    [InlineData("[]\n", 1, "expected a JSON object, got array")]
    [InlineData("\uFEFF{\"question\": \"Q\", \"answer\": \"#### 1\"}\n", 1, "byte order mark")]
    public void Bad_input_names_file_and_line(string content, long line, string problem)
    {
        var source = _temp.Write("in.jsonl", content);
        var e = Assert.Throws<BenchmarkFormatException>(() => Gsm8kImporter.Import(source, _temp.Path("out")));
        Assert.Equal(source, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
        Assert.False(Directory.Exists(_temp.Path("out")));
    }

    [Fact]
    public void Empty_or_missing_input_is_an_error()
    {
        Assert.Contains("no GSM8K items", Assert.Throws<BenchmarkFormatException>(() => Gsm8kImporter.Import(_temp.Write("e.jsonl", "\n"), _temp.Path("o"))).Problem);
        Assert.Contains("not found", Assert.Throws<BenchmarkFormatException>(() => Gsm8kImporter.Import(_temp.Path("missing.jsonl"), _temp.Path("o"))).Problem);
    }
}
