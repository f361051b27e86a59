using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// Makes distinct, realistic signed records before any timing starts: a small arithmetic benchmark of 3-5 tasks,
/// a model name, seed and answers that vary per record, and a run id that keeps two bench runs from colliding.
/// A <see cref="RecordMix"/> spreads them over several benchmarks, models and protocols.
/// </summary>
public static class RecordGenerator
{
    private const string BenchmarkId = "bench-arithmetic";

    public static BenchRecord[] Generate(int count, int keyCount, string runId) => Generate(count, keyCount, runId, RecordMix.Ingest);

    /// <param name="advance">Told of each thousand records made (progress), from the signing threads.</param>
    public static BenchRecord[] Generate(int count, int keyCount, string runId, RecordMix mix, Action<int>? advance = null)
    {
        var keys = Enumerable.Range(0, Math.Max(1, keyCount)).Select(_ => Ed25519KeyPair.Generate()).ToArray();
        try
        {
            var benchmarks = Enumerable.Range(1, Math.Max(1, mix.Benchmarks))
                .Select(b => mix.Benchmarks <= 1 ? BenchmarkId : $"{BenchmarkId}-{b}")
                .Select(id => new BenchmarkRef(id, "1.0.0", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id + "@1.0.0")))))
                .ToArray();
            var created = DateTimeOffset.UtcNow;
            var records = new BenchRecord[count];
            // All cores sign; each record depends only on its number, so the result is the same in any order.
            Parallel.For(0, count, i =>
            {
                records[i] = Make(i, mix, benchmarks[i % benchmarks.Length], keys[i % keys.Length], runId, created);
                if (advance is not null && i % 1000 == 999) advance(1000);
            });
            return records;
        }
        finally
        {
            foreach (var key in keys) key.Dispose();
        }
    }

    private static BenchRecord Make(int i, RecordMix mix, BenchmarkRef benchmark, Ed25519KeyPair key, string runId, DateTimeOffset created)
    {
        // Every benchmark gets every model: the model follows the run's number within its benchmark.
        var run = i / Math.Max(1, mix.Benchmarks);
        var modelNumber = run % Math.Max(1, mix.Models);
        var taskCount = 3 + i % 3;
        var results = new List<TaskResult>(taskCount);
        for (var k = 0; k < taskCount; k++)
        {
            var a = (i * 7 + k * 13) % 97 + 2;
            var b = (i * 11 + k * 5) % 89 + 3;
            var expected = (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Model m answers about 50 + 2m percent right when accuracy depends on the model; otherwise three in four.
            var right = mix.AccuracyByModel ? (i * 37 + k * 53) % 100 < 50 + 2 * modelNumber : (i + k) % 4 != 0;
            var output = right ? expected : (a + b + 1 + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
            results.Add(new TaskResult($"add-{k + 1}", $"What is {a} + {b}? Reply with only the number.", output, expected, right ? 1.0 : 0.0, right));
        }
        var maxTokens = mix.OtherProtocolEvery > 0 && run % mix.OtherProtocolEvery == mix.OtherProtocolEvery - 1 ? 8 : 16;
        var model = new ModelInfo("bench", $"bench-model-{modelNumber}", runId, new JObject { { "temperature", 0.0 }, { "max_tokens", maxTokens } });
        var body = RecordBody.Create(benchmark, model, new RunnerConfig(i, null), results, "numeric");
        var record = RunRecord.Create(body, key, "ledger-bench", created);
        var json = CanonicalJson.SerializeToUtf8(record.ToJson());
        return new BenchRecord(record.Id, json, key.PublicKey, Encoding.ASCII.GetBytes(record.ContentHash), Convert.FromHexString(record.Signature.Signature));
    }
}
