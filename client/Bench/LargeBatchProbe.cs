using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// `ledger bench --large-batch MIB`: posts one chunked NDJSON batch of MIB mebibytes to a fresh embedded node in this
/// process and samples the process's memory while the node takes it in. The sender makes each record as it writes it
/// and reads the answers a line at a time, so what rises is the node's.
/// </summary>
public static class LargeBatchProbe
{
    public static async Task<LargeBatchResult> RunAsync(int mebibytes, int shards, CancellationToken cancel)
    {
        await using var node = await EmbeddedNode.StartAsync(shards, cancel);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/"), Timeout = TimeSpan.FromHours(1) };
        using var key = Ed25519KeyPair.Generate();
        var runId = Guid.NewGuid().ToString("N")[..12];
        // A small batch first: activation, JIT and the store opening are not what is measured.
        await PostAsync(http, new LargeBatchContent(256 * 1024, key, runId + "-warm"), cancel);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var (baselineWorkingSet, baselineHeap) = (process.WorkingSet64, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
        var content = new LargeBatchContent((long)mebibytes * 1024 * 1024, key, runId);
        var clock = Stopwatch.StartNew();
        int accepted;
        long peakWorkingSet, peakHeap;
        using (var sampler = new PeakMemorySampler())
        {
            accepted = await PostAsync(http, content, cancel);
            (peakWorkingSet, peakHeap) = (sampler.PeakWorkingSet, sampler.PeakHeapAfterGc);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        return new LargeBatchResult(content.Bytes, content.Records, accepted, seconds, baselineWorkingSet, peakWorkingSet, process.WorkingSet64, baselineHeap, peakHeap);
    }

    /// <summary>Posts the batch and counts the lines answered 200, reading one line at a time.</summary>
    private static async Task<int> PostAsync(HttpClient http, LargeBatchContent content, CancellationToken cancel)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/records:batch") { Content = content };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!response.IsSuccessStatusCode)
            throw new Cli.CliException($"--large-batch: the node answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancel)}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
        var accepted = 0;
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length == 0) continue;
            using var answer = JsonDocument.Parse(line);
            if (!answer.RootElement.TryGetProperty("error", out _)) accepted++;
        }
        return accepted;
    }
}
