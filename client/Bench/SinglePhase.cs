using System.Collections.Concurrent;
using System.Diagnostics;
using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// C concurrent clients, each POSTing one record at a time to /v1/records and waiting for the 200 that carries the
/// record's inclusion proof under a signed checkpoint: the latency measured is submit to proof. With several
/// gateways, record i goes to gateway i mod N and the result is also split per gateway.
/// </summary>
public static class SinglePhase
{
    public static async Task<PhaseResult> RunAsync(IReadOnlyList<LedgerGatewayClient> clients, BenchRecord[] records, BenchSettings settings,
        Action<int> advance, CancellationToken cancel)
    {
        var n = records.Length;
        var latencies = new double[n];
        var accepted = new bool[n];
        var stride = Math.Max(1, n / Math.Max(1, settings.ProofSample));
        var sample = new ConcurrentBag<(BenchRecord, Submission)>();
        var errors = new ErrorTally();
        var next = -1;
        var sent = 0;
        var requested = new bool[n];
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        hardStop.CancelAfter(settings.DurationLimit + TimeSpan.FromSeconds(30));
        var cpu = ProcessCpu.Now();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var clock = Stopwatch.StartNew();

        async Task Client()
        {
            while (clock.Elapsed < settings.DurationLimit)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= n) return;
                Interlocked.Increment(ref sent);
                requested[i] = true;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var answer = await clients[RoundRobin.Of(i, clients.Count)].SubmitAsync(records[i].Json, cancel: hardStop.Token);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (ResponseCheck.Accept(records[i], answer, errors))
                    {
                        accepted[i] = true;
                        if (i % stride == 0) sample.Add((records[i], answer));
                    }
                }
                catch (Exception e) when (!cancel.IsCancellationRequested)
                {
                    errors.Add(e.GetType().Name, e.Message);
                }
                advance(1);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.Concurrency)).Select(_ => Task.Run(Client, cancel)));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (ProcessCpu.Now() - cpu).TotalSeconds;
        var jitSeconds = (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalSeconds;
        var ok = Enumerable.Range(0, n).Where(i => accepted[i]).Select(i => latencies[i]).ToArray();
        return new PhaseResult("single", settings.Concurrency, 1, n, sent, ok.Length, errors, seconds, cpuSeconds, jitSeconds,
            LatencyStats.Of(ok), ok, sample.ToList())
        {
            PerGateway = clients.Count < 2 ? [] : RoundRobin.Split(clients.Select(Name).ToList(), seconds,
                requested.Select(x => x ? 1 : 0).ToList(), accepted.Select(x => x ? 1 : 0).ToList(), accepted, latencies),
        };
    }

    internal static string Name(LedgerGatewayClient client) => client.BaseAddress.ToString().TrimEnd('/');
}
