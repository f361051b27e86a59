using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Tests.Leaderboards;

/// <summary>Signed run records for board tests: from the case study's per-item logs, or from constructed outcomes.</summary>
internal static class BoardTestData
{
    /// <summary>The benchmark every test record pins unless told otherwise (the case study's 200 GSM8K items).</summary>
    public static readonly string Gsm8kDev200 = ContentHash.Sha256Hex("gsm8k dev 200 items of the case study");

    public static string TraceLog(string name) => SharedData.Path("trace-pipeline-data", "data", name);

    /// <summary>
    /// A record of one case-study log: every item whose "correct" is a boolean becomes a result. An item without one (the
    /// winner's gsm8k-131 crashed) has no score to record, so it is not a result: the board pairs the items both scored,
    /// as `ledger audit paired` does on the logs themselves.
    /// </summary>
    public static RunRecord FromTraceLog(string path, string modelName, long maxNewTokens)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var outcomes = doc.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("correct", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False)
            .Select(r => (Id: r.GetProperty("id").GetString()!, Passed: r.GetProperty("correct").GetBoolean()));
        return Record(modelName, outcomes, TraceParams(maxNewTokens));
    }

    /// <summary>The ids and outcomes of one log, to build a constructed record on the same items.</summary>
    public static List<(string Id, bool Passed)> Outcomes(RunRecord record) => record.Body.Results.Select(r => (r.TaskId, r.Passed)).ToList();

    public static RunRecord Record(string modelName, IEnumerable<(string Id, bool Passed)> outcomes, JObject modelParams,
        string? benchmarkHash = null, string benchmarkId = "gsm8k", IEnumerable<(string? FinishReason, long? OutputTokens)>? facts = null)
    {
        var list = outcomes.ToList();
        var extra = facts?.ToList();
        var results = list.Select((o, i) => new TaskResult(o.Id, $"question {o.Id}", o.Passed ? "#### 42" : "#### 7", "42", o.Passed ? 1.0 : 0.0, o.Passed,
            extra?[i].FinishReason, extra?[i].OutputTokens)).ToList();
        var body = RecordBody.Create(new BenchmarkRef(benchmarkId, "dev-200", benchmarkHash ?? Gsm8kDev200),
            new ModelInfo("ollama", modelName, "1", modelParams), new RunnerConfig(0, null), results, "gsm8k");
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        return RunRecord.Create(body, key, "board-test", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Items "t000", "t001", ... with the given outcomes.</summary>
    public static IEnumerable<(string Id, bool Passed)> Items(IEnumerable<bool> passed) => passed.Select((p, i) => ($"t{i:000}", p));

    public static BoardRecord Verified(RunRecord record) => BoardRecord.From(record, RecordStanding.Of(TrustTier.Verified));

    /// <summary>The settings the case study ran with, as a harness records them.</summary>
    public static JObject TraceParams(long maxNewTokens) => new() { { "max_new_tokens", maxNewTokens }, { "temperature", 0.0 } };

    public static JObject Params(long maxTokens) => new() { { "max_tokens", maxTokens }, { "temperature", 0.0 } };
}
