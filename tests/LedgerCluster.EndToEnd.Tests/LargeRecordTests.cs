using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using LedgerCluster.Core.Log;
using Xunit.Abstractions;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A run over a large benchmark with chain-of-thought outputs (25,000 items of ~2 KB) makes a record of about 50 MB: it is
/// submitted, proved, served back byte for byte and verified offline, as a user would, with the real CLI and node.
/// </summary>
public sealed class LargeRecordTests(ITestOutputHelper output)
{
    private const int Items = 25_000;

    [Fact]
    public async Task A_50_MB_record_from_a_real_run_is_submitted_proved_served_back_byte_for_byte_and_verified_offline()
    {
        using var dir = new TempDirectory();
        var benchmark = WriteBenchmark(dir.File("large-cot"));
        Assert.Equal(0, (await Ledger("keygen", "--out", dir.File("signer"))).Code);
        var file = dir.File("run.json");
        var run = await Ledger("run", "--benchmark", benchmark, "--model", "echo", "--key", dir.File("signer.key"), "--out", file, "--json");
        Assert.True(run.Code == 0, run.Err);
        var recordBytes = await File.ReadAllBytesAsync(file);
        Assert.InRange(recordBytes.Length, 50_000_000, 64L * 1024 * 1024);
        using var written = JsonDocument.Parse(run.Out);
        var id = written.RootElement.GetProperty("record_id").GetString()!;

        await using var node = await EmbeddedNode.StartAsync(dir.File("data"));
        var clock = Stopwatch.StartNew();
        (int Code, string Out, string Err) submit;
        long peak, allocated;
        using (var memory = new ManagedMemorySampler())
        {
            submit = await Ledger("submit", file, "--gateway", node.Url);
            (peak, allocated) = (memory.PeakAboveBaseline, memory.Allocated);
        }
        var submitted = clock.Elapsed;
        Assert.True(submit.Code == 0, $"{submit.Out} {submit.Err}");
        Assert.Contains($"{id} -> shard {ShardRouter.ShardOf(id, 4)} index 0", submit.Out, StringComparison.Ordinal);

        clock.Restart();
        var proofPath = dir.File("run.tlog-proof");
        Assert.Equal(0, (await Ledger("proof", id, "--gateway", node.Url, "--out", proofPath)).Code);
        var proved = clock.Elapsed;

        clock.Restart();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        byte[] served;
        long readPeak, readAllocated;
        using (var memory = new ManagedMemorySampler())
        {
            using var response = await http.GetAsync($"{node.Url}/v1/records/{id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served = await response.Content.ReadAsByteArrayAsync();
            (readPeak, readAllocated) = (memory.PeakAboveBaseline, memory.Allocated);
        }
        var read = clock.Elapsed;
        // Again, once the record's grain is active and the reproduction queue has read the record: a read's own cost.
        long againPeak, againAllocated;
        using (var memory = new ManagedMemorySampler())
        {
            using var again = await http.GetAsync($"{node.Url}/v1/records/{id}", HttpCompletionOption.ResponseHeadersRead);
            await (await again.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
            (againPeak, againAllocated) = (memory.PeakAboveBaseline, memory.Allocated);
        }
        using (var answer = JsonDocument.Parse(served))
        {
            // The record's own text inside the answer is the file's, byte for byte (its trailing newline is whitespace between tokens).
            var raw = answer.RootElement.GetProperty("record").GetRawText();
            Assert.True(Encoding.UTF8.GetString(recordBytes).TrimEnd('\n') == raw, "the record served back differs from the one submitted");
            Assert.Equal(id, answer.RootElement.GetProperty("record_id").GetString());
        }

        clock.Restart();
        var vkey = (await node.Client.GetShardsAsync()).Single(s => s.Shard == ShardRouter.ShardOf(id, 4)).VerifierKey;
        var verify = await Ledger("verify", file, "--proof", proofPath, "--vkey", vkey);
        var verified = clock.Elapsed;
        Assert.True(verify.Code == 0, verify.Out + verify.Err);
        Assert.Contains("Inclusion: ok", verify.Out, StringComparison.Ordinal);
        Assert.Contains("Overall: VERIFIED", verify.Out, StringComparison.Ordinal);

        // Figures for the report (the CLI runs in this process too, so the peak includes its side of the upload).
        output.WriteLine($"record: {recordBytes.Length:N0} bytes, {Items:N0} items");
        output.WriteLine($"submit: {submitted.TotalSeconds:F2} s, managed heap peak +{peak / 1e6:F1} MB, allocated {allocated / 1e6:F1} MB ({(double)allocated / recordBytes.Length:F1}x the record)");
        output.WriteLine($"GET /v1/records/{{id}}: {read.TotalSeconds:F2} s, managed heap peak +{readPeak / 1e6:F1} MB, allocated {readAllocated / 1e6:F1} MB (with the test's own copy of the answer); again, streamed: heap peak +{againPeak / 1e6:F1} MB, allocated {againAllocated / 1e6:F1} MB");
        output.WriteLine($"proof: {proved.TotalSeconds:F2} s; verify offline: {verified.TotalSeconds:F2} s");
    }

    // A benchmark whose prompts carry a long chain of thought after "Answer:", which the echo model returns as its output.
    private static string WriteBenchmark(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "benchmark.yaml"), "id: large-cot\nversion: \"1.0.0\"\nscorer: exact_match\ndescription: generated chain-of-thought items\n");
        var words = "the river flows north then east so the total distance is computed by adding each leg of the journey carefully".Split(' ');
        var random = new Random(16);
        using var tasks = new StreamWriter(Path.Combine(folder, "tasks.jsonl"));
        var thought = new StringBuilder();
        for (var i = 0; i < Items; i++)
        {
            thought.Clear();
            for (var w = 0; w < 168; w++) thought.Append(w == 0 ? "" : " ").Append(words[random.Next(words.Length)]);
            tasks.Write(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = $"item-{i:D5}", ["prompt"] = $"Question {i}: think step by step. Answer: {thought} so the answer is {i}", ["expected"] = $"{i}",
            }));
            tasks.Write('\n');
        }
        return folder;
    }
}
