using System.Collections.Concurrent;
using System.Diagnostics;
using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// NDJSON batches of B records POSTed to /v1/records:batch, a few in flight at once. The bodies are built before
/// timing starts; the latency measured is one whole batch, submit to the NDJSON of proofs. With several gateways,
/// batch b goes to gateway b mod N and the result is also split per gateway.
/// </summary>
public static class BatchPhase
{
    /// <param name="stopSending">Ends the phase early without abandoning the batches in flight (they finish and are counted).</param>
    public static async Task<PhaseResult> RunAsync(IReadOnlyList<LedgerGatewayClient> clients, BenchRecord[] records, BenchSettings settings,
        Action<int> advance, CancellationToken cancel, CancellationToken stopSending = default)
    {
        var size = Math.Max(1, settings.BatchSize);
        var batches = Enumerable.Range(0, (records.Length + size - 1) / size)
            .Select(b => new ArraySegment<BenchRecord>(records, b * size, Math.Min(size, records.Length - b * size)))
            .ToArray();
        var bodies = batches.Select(Body).ToArray();
        var latencies = new double[batches.Length];
        var complete = new bool[batches.Length];
        var sentIn = new int[batches.Length];
        var acceptedIn = new int[batches.Length];
        var stride = Math.Max(1, records.Length / Math.Max(1, settings.ProofSample));
        var sample = new ConcurrentBag<(BenchRecord, Submission)>();
        var errors = new ErrorTally();
        var next = -1;
        var sent = 0;
        var accepted = 0;
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        hardStop.CancelAfter(settings.DurationLimit + TimeSpan.FromSeconds(30));
        var cpu = ProcessCpu.Now();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var clock = Stopwatch.StartNew();

        async Task Client()
        {
            while (clock.Elapsed < settings.DurationLimit && !stopSending.IsCancellationRequested)
            {
                var b = Interlocked.Increment(ref next);
                if (b >= batches.Length) return;
                var batch = batches[b];
                Interlocked.Add(ref sent, batch.Count);
                sentIn[b] = batch.Count;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var answers = await clients[RoundRobin.Of(b, clients.Count)].SubmitNdjsonAsync(bodies[b], hardStop.Token);
                    latencies[b] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (answers.Count != batch.Count)
                    {
                        errors.Add("batch_count_mismatch", $"sent {batch.Count} records, got {answers.Count} results", batch.Count);
                    }
                    else
                    {
                        var ok = 0;
                        for (var k = 0; k < batch.Count; k++)
                        {
                            if (!ResponseCheck.Accept(batch[k], answers[k], errors)) continue;
                            ok++;
                            if ((batch.Offset + k) % stride == 0) sample.Add((batch[k], answers[k]));
                        }
                        Interlocked.Add(ref accepted, ok);
                        acceptedIn[b] = ok;
                        complete[b] = ok == batch.Count;
                    }
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    errors.Add(e.GetType().Name, e.Message, batch.Count);
                }
                advance(batch.Count);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.BatchConcurrency)).Select(_ => Task.Run(Client, cancel)));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (ProcessCpu.Now() - cpu).TotalSeconds;
        var jitSeconds = (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalSeconds;
        var done = Enumerable.Range(0, batches.Length).Where(b => complete[b]).Select(b => latencies[b]).ToArray();
        return new PhaseResult("batch", settings.BatchConcurrency, size, records.Length, sent, accepted, errors, seconds, cpuSeconds, jitSeconds,
            LatencyStats.Of(done), done, sample.ToList())
        {
            PerGateway = clients.Count < 2 ? [] : RoundRobin.Split(clients.Select(SinglePhase.Name).ToList(), seconds, sentIn, acceptedIn, complete, latencies),
        };
    }

    // One record per line; the records are compact JSON already, so no newline needs stripping.
    internal static ReadOnlyMemory<byte> Body(ArraySegment<BenchRecord> batch)
    {
        var body = new byte[batch.Sum(r => r.Json.Length + 1)];
        var at = 0;
        foreach (var record in batch)
        {
            record.Json.CopyTo(body, at);
            at += record.Json.Length;
            body[at++] = (byte)'\n';
        }
        return body;
    }
}
