using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.EndToEnd.Tests.Readme;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// Signed run records made from the case study's GSM8K logs (trace-pipeline-data: one entry per item with id, expected,
/// predicted, correct): the Instruct model and the "winner", both at max_new_tokens 768 on the same 200 items.
/// </summary>
public static class CaseStudyRecords
{
    /// <summary>The logs' folder in ../shared, or null when ../shared is absent.</summary>
    public static string? LogDirectory =>
        ReadmeFactAttribute.SharedDirectory is { } shared && Directory.Exists(Path.Combine(shared, "trace-pipeline-data", "data"))
            ? Path.Combine(shared, "trace-pipeline-data", "data")
            : null;

    public static RunRecord Instruct(Ed25519KeyPair key) => FromLog("instruct_max_new768.json", "qwen2.5-7b-instruct", key);

    /// <summary>The Instruct log's results under another max_new_tokens: a record that differs from <see cref="Instruct"/> only there.</summary>
    public static RunRecord InstructAt(Ed25519KeyPair key, int maxNewTokens) => FromLog("instruct_max_new768.json", "qwen2.5-7b-instruct", key, maxNewTokens);

    /// <summary>A constructed, clearly better model: the Instruct log's items, every one right, at the same protocol.</summary>
    public static RunRecord AllRight(Ed25519KeyPair key, string model = "constructed-oracle")
    {
        var instruct = Instruct(key);
        var results = instruct.Body.Results.Select(r => r with { Output = r.Expected ?? r.Output, Score = 1.0, Passed = true }).ToList();
        var body = RecordBody.Create(instruct.Body.Benchmark, instruct.Body.Model with { Name = model }, instruct.Body.Runner, results, "gsm8k");
        return RunRecord.Create(body, key, "case-study");
    }

    public static RunRecord Winner(Ed25519KeyPair key) => FromLog("winner_max_new768.json", "winner", key);

    /// <summary>
    /// One log as a record. An item without a boolean "correct" (the winner's gsm8k-131 crashed) has no score, so it is
    /// no result; the paired audit then pairs the 199 items both scored, as `ledger audit paired` does on the logs.
    /// </summary>
    private static RunRecord FromLog(string file, string model, Ed25519KeyPair key, int maxNewTokens = 768)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(Path.Combine(LogDirectory!, file)));
        var results = new List<TaskResult>();
        foreach (var item in log.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!item.TryGetProperty("correct", out var correct) || correct.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) continue;
            var passed = correct.GetBoolean();
            var id = item.GetProperty("id").GetString()!;
            results.Add(new TaskResult(id, $"GSM8K item {id}", item.GetProperty("predicted").ToString(), item.GetProperty("expected").ToString(),
                passed ? 1.0 : 0.0, passed));
        }
        var settings = new JObject { { "max_new_tokens", maxNewTokens }, { "temperature", 0.0 } };
        var body = RecordBody.Create(new BenchmarkRef("gsm8k", "case-study-200", new string('c', 64)), new ModelInfo("transformers", model, "1", settings),
            new RunnerConfig(0, null), results, "gsm8k");
        return RunRecord.Create(body, key, "case-study");
    }
}
