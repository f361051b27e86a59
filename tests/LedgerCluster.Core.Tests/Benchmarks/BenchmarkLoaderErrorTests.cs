using System.Text;
using LedgerCluster.Core.Benchmarks;

namespace LedgerCluster.Core.Tests.Benchmarks;

/// <summary>Every way a benchmark directory can be wrong gives an error naming the file, the line and the problem.</summary>
public sealed class BenchmarkLoaderErrorTests : IDisposable
{
    private const string GoodYaml = "id: demo\nversion: \"1.0.0\"\nscorer: exact_match\n";
    private const string GoodTask = "{\"id\": \"t1\", \"prompt\": \"p\", \"expected\": \"a\"}\n";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private BenchmarkFormatException Fails(string? yaml, string? tasks)
    {
        if (yaml is not null) _temp.Write("b/benchmark.yaml", yaml);
        if (tasks is not null) _temp.Write("b/tasks.jsonl", tasks);
        return Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(_temp.Path("b")));
    }

    private void AssertTasksError(string tasks, long line, string problem)
    {
        var e = Fails(GoodYaml, tasks);
        Assert.Equal(_temp.Path("b", "tasks.jsonl"), e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"{e.File}:{line}: ", e.Message);
    }

    private void AssertYamlError(string yaml, long? line, string problem)
    {
        var e = Fails(yaml, GoodTask);
        Assert.Equal(_temp.Path("b", "benchmark.yaml"), e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void A_minimal_benchmark_loads()
    {
        _temp.Write("b/benchmark.yaml", GoodYaml);
        _temp.Write("b/tasks.jsonl", GoodTask);
        var benchmark = BenchmarkLoader.Load(_temp.Path("b"));
        Assert.Equal("demo", benchmark.Id);
        Assert.Null(benchmark.Description);
        Assert.Equal(new BenchmarkTask("t1", "p", "a"), benchmark.Tasks.Single());
    }

    [Fact]
    public void Missing_directory()
    {
        var e = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(_temp.Path("nope")));
        Assert.Equal("benchmark directory not found", e.Problem);
        Assert.Equal(_temp.Path("nope"), e.File);
    }

    [Fact]
    public void Missing_yaml() => Assert.Contains("missing benchmark.yaml", Fails(null, GoodTask).Problem);

    [Fact]
    public void Missing_tasks() => Assert.Contains("missing tasks.jsonl", Fails(GoodYaml, null).Problem);

    [Fact]
    public void Invalid_yaml_names_the_line() => AssertYamlError("id: demo\nversion: \"1\nscorer: x\n", 2, "invalid YAML");

    [Fact]
    public void Yaml_that_trips_the_parser_is_still_a_format_error() => AssertYamlError("id: demo\nversion: [1.0\nscorer: x\n", null, "invalid YAML");

    [Theory]
    [InlineData("version: \"1\"\nscorer: numeric\n", "missing required key 'id'")]
    [InlineData("id: a\nscorer: numeric\n", "missing required key 'version'")]
    [InlineData("id: a\nversion: \"1\"\n", "missing required key 'scorer'")]
    [InlineData("", "missing required key 'id'")]
    public void Missing_required_key(string yaml, string problem) => AssertYamlError(yaml, null, problem);

    [Theory]
    [InlineData("id: demo\nversion: 2024-01-01 10:00:00\nscorer: numeric\n", 2, "YAML reads 2024-01-01 10:00:00 as a timestamp whose Python str() is not reproduced here")]
    [InlineData("id: [a, b]\nversion: \"1\"\nscorer: numeric\n", 1, "expected a string, got a YAML sequence")]
    [InlineData("id: demo\nversion: \"1\"\nscorer: numeric\ndescription: {a: 1}\n", 4, "field 'description'")]
    [InlineData("id: demo\nversion: !!int \"1\"\nscorer: numeric\n", 2, "unsupported YAML tag")]
    [InlineData("id: \"\"\nversion: \"1\"\nscorer: numeric\n", 1, "field 'id': must not be empty")]
    public void Yaml_value_of_the_wrong_type(string yaml, long line, string problem) => AssertYamlError(yaml, line, problem);

    [Fact]
    public void Unknown_yaml_key() => AssertYamlError(GoodYaml + "scorrer: numeric\n", 4, "unknown key 'scorrer'");

    [Fact]
    public void Yaml_that_is_not_a_mapping() => AssertYamlError("- id\n- version\n", 1, "expected a mapping");

    [Fact]
    public void Two_yaml_documents() => AssertYamlError(GoodYaml + "---\nid: other\n", 5, "expected a single YAML document");

    [Fact]
    public void Duplicate_yaml_key() => AssertYamlError(GoodYaml + "id: again\n", 4, "invalid YAML");

    // Expected: str() of what PyYAML 6.0.3 safe_load gives for `version: <plain>` (computed with CPython 3.11), which is
    // what verievals stores as the benchmark version.
    [Theory]
    [InlineData("1.0", "1.0", "float")]
    [InlineData("1.10", "1.1", "float")]
    [InlineData("1.", "1.0", "float")]
    [InlineData("1.0e+3", "1000.0", "float")]
    [InlineData("1.0e-5", "1e-05", "float")]
    [InlineData("6.02e+23", "6.02e+23", "float")]
    [InlineData("-0.0", "-0.0", "float")]
    [InlineData("1_0.5", "10.5", "float")]
    [InlineData("1:30.5", "90.5", "float")]
    [InlineData(".inf", "inf", "float")]
    [InlineData("-.inf", "-inf", "float")]
    [InlineData(".NaN", "nan", "float")]
    [InlineData("0x1F", "31", "int")]
    [InlineData("017", "15", "int")]
    [InlineData("0b101", "5", "int")]
    [InlineData("1_000", "1000", "int")]
    [InlineData("+12", "12", "int")]
    [InlineData("190:20:30", "685230", "int")]
    [InlineData("yes", "True", "bool")]
    [InlineData("No", "False", "bool")]
    [InlineData("on", "True", "bool")]
    [InlineData("~", "None", "null")]
    [InlineData("null", "None", "null")]
    [InlineData("2024-01-01", "2024-01-01", "timestamp")]
    public void Yaml_values_of_another_type_become_their_python_str_with_a_warning(string plain, string expected, string kind)
    {
        _temp.Write("b/benchmark.yaml", $"id: demo\nversion: {plain}\nscorer: numeric\n");
        _temp.Write("b/tasks.jsonl", GoodTask);
        var benchmark = BenchmarkLoader.Load(_temp.Path("b"));
        Assert.Equal(expected, benchmark.Version);
        var warning = Assert.Single(benchmark.Warnings);
        Assert.Contains($"field 'version': YAML reads {plain} as a {kind}; using Python's str() of it, \"{expected}\"", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: 7\nversion: \"1.0.0\"\nscorer: numeric\n", "7")]          // str(7) == "7" in Python too
    [InlineData("id: '1.0'\nversion: !!str 2.0\nscorer: numeric\n", "1.0")]    // quoted and explicitly tagged strings
    [InlineData("id: demo-1.0\nversion: v1\nscorer: numeric\ndescription:\n", "demo-1.0")]
    public void Yaml_values_that_are_strings_to_pyyaml_are_accepted(string yaml, string id)
    {
        _temp.Write("b/benchmark.yaml", yaml);
        _temp.Write("b/tasks.jsonl", GoodTask);
        Assert.Equal(id, BenchmarkLoader.Load(_temp.Path("b")).Id);
    }

    [Fact]
    public void Bad_json_line_names_file_line_and_reason() =>
        AssertTasksError(GoodTask + "\n{\"id\": \"t2\", \"prompt\": }\n", 3, "invalid JSON");

    [Theory]
    [InlineData("[1, 2]", "expected a JSON object, got array")]
    [InlineData("{\"prompt\": \"p\"}", "field 'id': missing required field")]
    [InlineData("{\"id\": \"x\"}", "field 'prompt': missing required field")]
    [InlineData("{\"id\": 3, \"prompt\": \"p\"}", "field 'id': expected a string, got int")]
    [InlineData("{\"id\": \"\", \"prompt\": \"p\"}", "field 'id': must not be empty")]
    [InlineData("{\"id\": \"x\", \"prompt\": [\"p\"]}", "field 'prompt': expected a string, got array")]
    [InlineData("{\"id\": \"x\", \"prompt\": \"p\", \"expected\": 42}", "field 'expected': expected a string or null, got int")]
    [InlineData("{\"id\": \"x\", \"prompt\": \"p\", \"metadata\": null}", "field 'metadata': expected an object, got null")]
    [InlineData("{\"id\": \"x\", \"prompt\": \"p\", \"answer\": \"a\"}", "unknown field 'answer' (allowed: id, prompt, expected, metadata)")]
    [InlineData("{\"id\": \"x\", \"id\": \"y\", \"prompt\": \"p\"}", "duplicate key")]
    [InlineData("{\"id\": \"x\", \"prompt\": \"p\", \"metadata\": {\"n\": NaN}}", "invalid JSON")]
    public void Wrong_task_shape_or_type(string line, string problem) => AssertTasksError(GoodTask + line + "\n", 2, problem);

    [Fact]
    public void Duplicate_task_id_names_both_lines() =>
        AssertTasksError(GoodTask + "\n" + GoodTask, 3, "duplicate task id 't1' (first on line 1)");

    [Fact]
    public void No_tasks()
    {
        var e = Fails(GoodYaml, "\n  \n\t\n");
        Assert.Null(e.Line);
        Assert.Contains("benchmark 'demo' has no tasks", e.Problem);
    }

    [Fact]
    public void Invalid_utf8_names_the_line()
    {
        _temp.Write("b/benchmark.yaml", GoodYaml);
        _temp.WriteBytes("b/tasks.jsonl", [.. Encoding.UTF8.GetBytes(GoodTask), .. "{\"id\": \"t2\", \"prompt\": \""u8, 0xFF, .. "\"}\n"u8]);
        var e = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(_temp.Path("b")));
        Assert.Equal(2, e.Line);
        Assert.Equal("not valid UTF-8", e.Problem);
    }

    [Fact]
    public void A_byte_order_mark_is_rejected_like_python_json_does() =>
        AssertTasksError("\uFEFF" + GoodTask, 1, "byte order mark");

    [Fact]
    public void Blank_lines_and_line_endings_follow_python_text_mode()
    {
        // \r\n and a lone \r end lines; whitespace-only lines (incl. Unicode spaces) are skipped but still counted.
        _temp.Write("b/benchmark.yaml", GoodYaml);
        _temp.Write("b/tasks.jsonl", "\r\n\u00a0\u2003\r" + GoodTask.TrimEnd() + "\r\n \t \n{\"id\": \"t2\", \"prompt\": \"two\u2028lines\"}");
        var benchmark = BenchmarkLoader.Load(_temp.Path("b"));
        Assert.Equal(["t1", "t2"], benchmark.Tasks.Select(t => t.Id));
        Assert.Equal("two\u2028lines", benchmark.Tasks[1].Prompt);

        _temp.Write("b/tasks.jsonl", "\r\n\r\n\r{oops}\n");
        Assert.Equal(4, Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.Load(_temp.Path("b"))).Line);
    }
}
