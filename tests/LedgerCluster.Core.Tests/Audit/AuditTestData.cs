using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Audit;

/// <summary>Builders for audit inputs: signed run records and item lists.</summary>
internal static class AuditTestData
{
    /// <summary>A signed ledgercluster/runrecord/v1 record; everything but the model name, the token limit and the results is fixed.</summary>
    public static RunRecord Record(long maxTokens, IEnumerable<ResultItem> items, string modelName = "qwen2.5:7b")
    {
        var results = items.Select(i => new TaskResult(i.Id, $"question {i.Id}", i.Passed ? "#### 42" : "so the", "42",
            i.Passed ? 1.0 : 0.0, i.Passed, i.FinishReason, i.OutputTokens)).ToList();
        var body = RecordBody.Create(
            new BenchmarkRef("gsm8k", "test-1.0.0", new string('a', 64)),
            new ModelInfo("ollama", modelName, "1", new JObject { { "max_tokens", maxTokens }, { "temperature", 0.0 }, { "seed", 0 } }),
            new RunnerConfig(0, null), results, "gsm8k");
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        return RunRecord.Create(body, key, "audit-test", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Items with the given outcomes, ids "t000", "t001", ... in order.</summary>
    public static List<PairedItem> Items(IEnumerable<bool> correct) => correct.Select((c, i) => new PairedItem($"t{i:000}", c)).ToList();

    /// <summary>Both sides' items for a 2x2 table, in the order both, only A, only B, neither.</summary>
    public static (PairedInput A, PairedInput B) FromTable(int both, int onlyA, int onlyB, int neither)
    {
        var a = Enumerable.Repeat(true, both + onlyA).Concat(Enumerable.Repeat(false, onlyB + neither));
        var b = Enumerable.Repeat(true, both).Concat(Enumerable.Repeat(false, onlyA)).Concat(Enumerable.Repeat(true, onlyB)).Concat(Enumerable.Repeat(false, neither));
        return (PairedInput.FromItems("A", Items(a)), PairedInput.FromItems("B", Items(b)));
    }
}
