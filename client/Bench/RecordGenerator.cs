using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// Makes distinct, realistic signed records before any timing starts: a small arithmetic benchmark of 3-5 tasks,
/// a model name, seed and answers that vary per record, and a run id that keeps two bench runs from colliding.
/// </summary>
public static class RecordGenerator
{
    private const string BenchmarkId = "bench-arithmetic";

    public static BenchRecord[] Generate(int count, int keyCount, string runId)
    {
        var keys = Enumerable.Range(0, Math.Max(1, keyCount)).Select(_ => Ed25519KeyPair.Generate()).ToArray();
        try
        {
            var benchmark = new BenchmarkRef(BenchmarkId, "1.0.0", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BenchmarkId + "@1.0.0"))));
            var created = DateTimeOffset.UtcNow;
            var records = new BenchRecord[count];
            Parallel.For(0, count, i => records[i] = Make(i, benchmark, keys[i % keys.Length], runId, created));
            return records;
        }
        finally
        {
            foreach (var key in keys) key.Dispose();
        }
    }

    private static BenchRecord Make(int i, BenchmarkRef benchmark, Ed25519KeyPair key, string runId, DateTimeOffset created)
    {
        var taskCount = 3 + i % 3;
        var results = new List<TaskResult>(taskCount);
        for (var k = 0; k < taskCount; k++)
        {
            var a = (i * 7 + k * 13) % 97 + 2;
            var b = (i * 11 + k * 5) % 89 + 3;
            var expected = (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var right = (i + k) % 4 != 0;
            var output = right ? expected : (a + b + 1 + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
            results.Add(new TaskResult($"add-{k + 1}", $"What is {a} + {b}? Reply with only the number.", output, expected, right ? 1.0 : 0.0, right));
        }
        var model = new ModelInfo("bench", $"bench-model-{i % 16}", runId, new JObject { { "temperature", 0.0 }, { "max_tokens", 16 } });
        var body = RecordBody.Create(benchmark, model, new RunnerConfig(i, null), results, "numeric");
        var record = RunRecord.Create(body, key, "ledger-bench", created);
        var json = CanonicalJson.SerializeToUtf8(record.ToJson());
        return new BenchRecord(record.Id, json, key.PublicKey, Encoding.ASCII.GetBytes(record.ContentHash), Convert.FromHexString(record.Signature.Signature));
    }
}
