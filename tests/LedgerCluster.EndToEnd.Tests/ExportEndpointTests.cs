using System.Net;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`GET /v1/export` and `ledger export --gateway` against a real embedded node.</summary>
public sealed class ExportEndpointTests
{
    private static JObject Obj(JValue? v) => Assert.IsType<JObject>(v);

    private static string Str(JValue? o, string key) => Assert.IsType<JString>(Obj(o)[key]).Value;

    private static List<JObject> Lines(string path) => File.ReadAllLines(path).Select(l => Obj(JsonParser.Parse(l))).ToList();

    private static async Task<List<RunRecord>> SubmitAsync(EmbeddedNode node, int count)
    {
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, count).Select(n => SharedPrompts(key, n)).ToList();
        var results = await node.Client.SubmitBatchAsync(records.Select(TestRecords.Bytes));
        Assert.All(results, r => Assert.Equal(200, r.Status));
        return records;
    }

    // Runs of one benchmark: the same three prompts, task i passed in run n when i <= n % 3, a run-specific wrong answer otherwise.
    private static RunRecord SharedPrompts(Ed25519KeyPair key, int n)
    {
        var results = Enumerable.Range(0, 3).Select(i => i <= n % 3
            ? new TaskResult($"t{i}", $"question {i}", $"{i}", $"{i}", 1.0, true)
            : new TaskResult($"t{i}", $"question {i}", $"wrong {n}", $"{i}", 0.0, false)).ToList();
        var body = RecordBody.Create(new BenchmarkRef("e2e-export", "1", new string('c', 64)), new ModelInfo("test", $"m{n}", "1", new JObject()),
            new RunnerConfig(n, null), results, "exact_match");
        return RunRecord.Create(body, key, "e2e");
    }

    [Theory]
    [InlineData("verified")]
    [InlineData("signed")]
    [InlineData("reproduced")]
    public async Task Gateway_export_holds_exactly_the_passed_results_of_records_at_or_above_the_tier(string minTier)
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 2);
        var records = await SubmitAsync(node, 6);

        var output = dir.File("sft.jsonl");
        var run = await Ledger("export", "--format", "sft", "--gateway", node.Url, "--out", output, "--min-tier", minTier);
        Assert.True(run.Code == 0, run.Err);

        // What the cluster says of each record decides; the expectation is read from the record API, not the exporter.
        Assert.True(TrustTiers.TryParse(minTier, out var floor));
        var admitted = new List<RunRecord>();
        foreach (var record in records)
        {
            var view = await node.Client.GetRecordAsync(record.Id);
            Assert.True(TrustTiers.TryParse(Str(view, "tier"), out var tier));
            if (tier >= floor) admitted.Add(record);
        }
        var expected = admitted.SelectMany(r => r.Body.Results.Where(t => t.Passed).Select(t => (r.Id, t.TaskId, t.Prompt, t.Output))).ToHashSet();
        var examples = Lines(output);
        foreach (var e in examples)
        {
            var messages = Assert.IsType<JArray>(e["messages"]);
            Assert.Equal(["user", "assistant"], messages.Items.Select(m => Str(m, "role")));
        }
        var actual = examples.Select(e => (Str(e["metadata"], "record_id"), Str(e["metadata"], "task_id"),
            Str(((JArray)e["messages"]!)[0], "content"), Str(((JArray)e["messages"]!)[1], "content"))).ToHashSet();
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Count, examples.Count);

        var manifest = Obj(JsonParser.ParseFile(dir.File("manifest.json")));
        Assert.Equal(2, Assert.IsType<JArray>(manifest["checkpoints"]).Count);
        Assert.Equal(records.Count - admitted.Count, Assert.IsType<JArray>(Obj(manifest["excluded"])["below_tier"]).Count);
    }

    [Fact]
    public async Task An_examples_metadata_leads_to_a_verifying_inclusion_proof()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 2);
        var records = (await SubmitAsync(node, 4)).ToDictionary(r => r.Id);
        Assert.Equal(0, (await Ledger("export", "--format", "dpo", "--gateway", node.Url, "--out", dir.File("dpo.jsonl"), "--min-tier", "signed")).Code);
        var pairs = Lines(dir.File("dpo.jsonl"));
        Assert.NotEmpty(pairs);
        var shards = await node.Client.GetShardsAsync();
        foreach (var pair in pairs)
        {
            foreach (var from in new[] { Obj(pair["metadata"]), Obj(Obj(pair["metadata"])["rejected"]) })
            {
                var id = Str(from, "record_id");
                var proofText = await node.Client.GetProofAsync(id);
                var proof = TlogProof.Parse(proofText);
                Assert.Equal((long)((JInteger)from["index"]!).Value, (long)proof.Index);
                var shard = shards.Single(s => s.Shard == (int)((JInteger)from["shard"]!).Value);
                Assert.Equal(shard.Origin, proof.CheckpointBody.Origin);
                var report = RecordVerifier.Verify(records[id], new VerificationInputs { ProofText = proofText, LogVerifierKey = shard.VerifierKey });
                Assert.True(report.Verified, string.Join("; ", report.Lines()));
                Assert.Contains(report.Checks, c => c.Name == CheckNames.Inclusion && c.Status == CheckStatus.Ok);
            }
        }
    }

    [Theory]
    [InlineData("sft")]
    [InlineData("dpo")]
    [InlineData("sharegpt")]
    public async Task Gateway_and_offline_exports_of_the_same_records_are_the_same_file(string format)
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1);
        var records = await SubmitAsync(node, 5);
        var folder = Directory.CreateDirectory(dir.File("records")).FullName;
        foreach (var record in records)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, record.Id + ".json"), TestRecords.Bytes(record));
            Assert.Equal(0, (await Ledger("proof", record.Id, "--gateway", node.Url, "--out", Path.Combine(folder, record.Id + ".tlog-proof"))).Code);
        }
        var vkey = (await node.Client.GetShardsAsync()).Single().VerifierKey;

        Directory.CreateDirectory(dir.File("online"));
        Directory.CreateDirectory(dir.File("offline"));
        var online = await Ledger("export", "--format", format, "--gateway", node.Url, "--out", dir.File("online/x.jsonl"));
        var offline = await Ledger("export", "--format", format, "--records", folder, "--vkey", vkey, "--out", dir.File("offline/x.jsonl"));
        Assert.True(online.Code == 0, online.Err);
        Assert.True(offline.Code == 0, offline.Err);
        var bytes = await File.ReadAllBytesAsync(dir.File("online/x.jsonl"));
        Assert.NotEmpty(bytes);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(dir.File("offline/x.jsonl")));
    }

    [Theory]
    [InlineData("v1/export?format=csv", "bad_format")]
    [InlineData("v1/export", "bad_format")]
    [InlineData("v1/export?format=sft&min_tier=gold", "bad_tier")]
    public async Task Bad_parameters_get_400_naming_the_problem(string path, string error)
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, Str(JsonParser.Parse(await response.Content.ReadAsStringAsync()), "error"));
    }

    [Fact]
    public async Task The_export_streams_as_jsonl_without_the_summary_unless_asked()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1);
        await SubmitAsync(node, 3);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        using var response = await http.GetAsync("v1/export?format=sharegpt&min_tier=verified", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/x-ndjson", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length); // run n passes n % 3 + 1 of its tasks: 1 + 2 + 3
        Assert.All(lines, l => Assert.IsType<JArray>(Obj(JsonParser.Parse(Encoding.UTF8.GetBytes(l)))["conversations"]));
    }
}
