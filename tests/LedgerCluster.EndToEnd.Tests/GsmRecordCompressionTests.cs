using System.Text.Json;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Grains.Storage;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// The case study's GSM8K runs (../shared/trace-pipeline-data) as signed records on a real node: kept compressed, and read
/// back from the store, and served at GET /v1/records/{id}, as exactly the bytes that were signed. Reports the ratio.
/// </summary>
public sealed class GsmRecordCompressionTests(ITestOutputHelper output)
{
    [CaseStudyFact]
    public async Task The_GSM8K_runs_are_kept_compressed_and_read_back_byte_for_byte()
    {
        using var dir = new TempDirectory();
        var data = dir.File("data");
        using var key = Ed25519KeyPair.Generate();
        // The records as the case study signs them (answers only), and with each item's whole chain-of-thought output.
        var records = new[]
        {
            CaseStudyRecords.Instruct(key), CaseStudyRecords.Winner(key),
            WithReasoning("instruct_max_new768.json", key), WithReasoning("winner_max_new768.json", key),
        };
        var bytes = records.Select(TestRecords.Bytes).ToArray();
        await using (var node = await EmbeddedNode.StartAsync(data, shards: 2))
        {
            foreach (var record in bytes) Assert.True((await node.Client.SubmitAsync(record)).Accepted);
            using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
            foreach (var record in records)
            {
                using var served = JsonDocument.Parse(await http.GetStringAsync($"v1/records/{record.Id}"));
                var recordJson = served.RootElement.GetProperty("record").GetRawText();
                Assert.Equal(record.Id, RunRecord.Parse(System.Text.Encoding.UTF8.GetBytes(recordJson)).RecomputeContentHash());
            }
        }
        SqliteConnection.ClearAllPools();
        using var store = new SqliteLogStore(Path.Combine(data, "ledger.db"));
        var stored = new List<byte[]>();
        for (var shard = 0; shard < 2; shard++) stored.AddRange((await store.ReadEntriesAsync(shard, 0, 100)).Select(r => r.Json));
        Assert.Equal(bytes.Select(Convert.ToHexString).Order(), stored.Select(Convert.ToHexString).Order());
        var (entries, storedBytes) = await store.MeasureRecordsAsync();
        Assert.Equal(4, entries);
        var ratio = (double)bytes.Sum(b => (long)b.Length) / storedBytes;
        output.WriteLine($"GSM8K case-study records: {bytes.Sum(b => (long)b.Length):N0} bytes signed ({string.Join(", ", bytes.Select(b => b.Length.ToString("N0")))}), " +
            $"{storedBytes:N0} stored: ratio {ratio:0.00}");
        Assert.True(ratio > 2, $"ratio {ratio:0.00}");
    }

    private static RunRecord WithReasoning(string file, Ed25519KeyPair key)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(Path.Combine(CaseStudyRecords.LogDirectory!, file)));
        var results = new List<TaskResult>();
        foreach (var item in log.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!item.TryGetProperty("correct", out var correct) || correct.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) continue;
            var id = item.GetProperty("id").GetString()!;
            results.Add(new TaskResult(id, $"GSM8K item {id}", item.GetProperty("gen_text").GetString()!, item.GetProperty("expected").ToString(),
                correct.GetBoolean() ? 1.0 : 0.0, correct.GetBoolean()));
        }
        var body = RecordBody.Create(new BenchmarkRef("gsm8k", "case-study-200", new string('c', 64)),
            new ModelInfo("transformers", file, "1", new JObject { { "max_new_tokens", 768 } }), new RunnerConfig(0, null), results, "gsm8k");
        return RunRecord.Create(body, key, "case-study");
    }
}
