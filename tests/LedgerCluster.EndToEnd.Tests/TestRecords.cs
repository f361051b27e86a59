using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>Small distinct signed records made in the test.</summary>
public static class TestRecords
{
    public static RunRecord Make(Ed25519KeyPair key, int n, string model = "m")
    {
        var results = Enumerable.Range(0, 3).Select(i => new TaskResult($"t{i}", $"question {i} of run {n}", i <= n % 3 ? $"{i}" : "x", $"{i}", i <= n % 3 ? 1.0 : 0.0, i <= n % 3)).ToList();
        var body = RecordBody.Create(new BenchmarkRef("e2e", "1", new string('a', 64)), new ModelInfo("test", model, "1", new JObject { { "run", n } }),
            new RunnerConfig(n, null), results, "exact_match");
        return RunRecord.Create(body, key, "e2e");
    }

    /// <summary>A record of one passed item, its id and the model's name (which may be markup) chosen by the test.</summary>
    public static RunRecord OneItem(Ed25519KeyPair key, string taskId, string model = "m")
    {
        var results = new[] { new TaskResult(taskId, "q", "1", "1", 1.0, true) };
        var body = RecordBody.Create(new BenchmarkRef("e2e", "1", new string('a', 64)), new ModelInfo("test", model, "1", new JObject { { "max_tokens", 10 } }),
            new RunnerConfig(0, null), results, "exact_match");
        return RunRecord.Create(body, key, "e2e");
    }

    /// <summary>
    /// Run <paramref name="n"/> on a board test's <paramref name="benchmark"/>: <paramref name="passed"/> of
    /// <paramref name="items"/> items right, a model of its own, the given max_tokens.
    /// </summary>
    public static RunRecord OnBoard(Ed25519KeyPair key, string benchmark, int n, int passed, int items = 4, long maxTokens = 64)
    {
        var results = Enumerable.Range(0, items).Select(i => new TaskResult($"t{i}", $"q{i}", i < passed ? "1" : "0", "1", i < passed ? 1.0 : 0.0, i < passed)).ToList();
        var body = RecordBody.Create(new BenchmarkRef(benchmark, "1", ContentHash.Sha256Hex(benchmark + " board benchmark")),
            new ModelInfo("test", $"{benchmark}-model-{n}", "1", new JObject { { "max_tokens", maxTokens } }), new RunnerConfig(n, null), results, "exact_match");
        return RunRecord.Create(body, key, benchmark);
    }

    public static byte[] Bytes(RunRecord record) => Encoding.UTF8.GetBytes(record.ToFileText());
}
