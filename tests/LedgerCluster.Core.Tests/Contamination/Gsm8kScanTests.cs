using System.Diagnostics;
using System.Text;
using LedgerCluster.Core.Contamination;
using LedgerCluster.Core.Json;
using Xunit.Abstractions;

namespace LedgerCluster.Core.Tests.Contamination;

/// <summary>
/// The full GSM8K test split (1,319 items) against a generated ~10 MB JSONL training file with a few questions
/// planted inside longer documents. Timing is printed, not asserted; what is asserted is that exactly the
/// planted items are flagged, each at its line.
/// </summary>
public sealed class Gsm8kScanTests(ITestOutputHelper output)
{
    private static string TasksPath => SharedData.Path("verievals", "benchmarks", "gsm8k-full", "tasks.jsonl");

    [SharedFact]
    public void Task_reader_reads_the_full_split()
    {
        var tasks = BenchmarkTaskReader.ReadJsonl(TasksPath);
        Assert.Equal(1319, tasks.Count);
        Assert.Equal(("gsm8k-test-0001", "18"), (tasks[0].Id, tasks[0].Expected));
        Assert.StartsWith("Janet’s ducks lay 16 eggs", tasks[0].Prompt, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Planted_items_are_found_in_ten_megabytes()
    {
        var tasks = BenchmarkTaskReader.ReadJsonl(TasksPath);
        var planted = new Dictionary<string, long> // item index → the training line it is planted on
        {
            [tasks[5].Id] = 1_000, [tasks[100].Id] = 7_777, [tasks[640].Id] = 12_345, [tasks[1318].Id] = 19_999,
        };
        var path = Path.Combine(Path.GetTempPath(), $"contamination-{Guid.NewGuid():N}.jsonl");
        try
        {
            WriteTraining(path, tasks, planted, lines: 20_000);
            var stopwatch = Stopwatch.StartNew();
            var report = ContaminationScanner.Scan(tasks, path);
            stopwatch.Stop();
            output.WriteLine($"scanned {tasks.Count} items against {new FileInfo(path).Length / 1e6:0.0} MB ({report.Training.Words:N0} words) in {stopwatch.ElapsedMilliseconds} ms");

            Assert.Equal(planted.Keys.Order(), report.Flagged.Select(f => f.Id).Order());
            foreach (var finding in report.Flagged)
            {
                Assert.Equal(planted[finding.Id], finding.Span!.StartLine);
                Assert.Equal(1.0, finding.Containment);
            }
            Assert.Equal(20_000, report.Training.Documents);
        }
        finally { File.Delete(path); }
    }

    // Filler: random words drawn from the benchmark's own vocabulary (so tokens are realistic and common), which
    // cannot reproduce an 8-word sequence by chance. Planted lines wrap a question in other text, some as chat.
    private static void WriteTraining(string path, IReadOnlyList<(string Id, string Prompt, string? Expected)> tasks, Dictionary<string, long> planted, int lines)
    {
        var vocabulary = tasks.SelectMany(t => t.Prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var byLine = tasks.Where(t => planted.ContainsKey(t.Id)).ToDictionary(t => planted[t.Id], t => t.Prompt);
        var random = new Random(12345);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var sb = new StringBuilder();
        for (long line = 1; line <= lines; line++)
        {
            sb.Clear();
            while (sb.Length < 500) sb.Append(vocabulary[random.Next(vocabulary.Length)]).Append(' ');
            JObject record;
            if (byLine.TryGetValue(line, out var prompt))
                record = line % 2 == 0
                    ? new JObject { { "text", $"{sb}\n\nProblem: {prompt.ToUpperInvariant()}\nSolution follows. {sb}" } }
                    : new JObject { { "messages", new JArray(new JObject { { "role", "user" }, { "content", prompt } }, new JObject { { "role", "assistant" }, { "content", sb.ToString() } }) } };
            else record = new JObject { { "text", sb.ToString() }, { "id", line } };
            writer.Write(CanonicalJson.Serialize(record));
            writer.Write('\n');
        }
    }
}
