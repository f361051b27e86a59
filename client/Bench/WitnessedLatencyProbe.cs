using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Witness;
using LedgerCluster.Silo;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// `ledger bench --witnessed N`: submit-to-witnessed latency. An embedded node with three hosted witnesses under a
/// 2-of-3 policy takes N records from a few concurrent clients; a record counts as witnessed when its shard's witnessed
/// size passes its index (polled every 10 ms), so each latency runs from sending the record to a checkpoint that meets the policy.
/// </summary>
public static class WitnessedLatencyProbe
{
    public const double TargetP99Milliseconds = 2000;

    public static async Task<WitnessedLatency> RunAsync(int count, int shards, CancellationToken cancel)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ledger-bench-witness-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var keys = new[] { "w1", "w2", "w3" }.Select(n => (Name: n, Key: WitnessKeyFiles.Create($"bench.witness/{n}", Path.Combine(dir, n)))).ToArray();
            var options = new LedgerHostOptions
            {
                Host = "127.0.0.1", HttpPort = FreePort(), SiloPort = FreePort(), GatewayPort = FreePort(),
                DataDirectory = Path.Combine(dir, "data"), ShardCount = shards, QuietOnStandardError = true,
                WitnessPolicy = string.Concat(keys.Select(k => $"witness {k.Name} {k.Key.VerifierKey}\n")) + "group q 2 w1 w2 w3\nquorum q\n",
            };
            foreach (var (name, key) in keys) options.HostedWitnesses[name] = key.KeyPath;
            var app = LedgerHost.Build(options);
            await using (app)
            {
                await app.StartAsync(cancel);
                using var client = new LedgerGatewayClient($"http://127.0.0.1:{options.HttpPort}");
                var records = RecordGenerator.Generate(count, 4, Guid.NewGuid().ToString("N")[..8]);
                var clock = Stopwatch.StartNew();
                var pending = new ConcurrentDictionary<(int Shard, long Index), double>();
                var latencies = new ConcurrentBag<double>();
                var next = -1;
                var submitters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < records.Length)
                    {
                        var sent = clock.Elapsed.TotalMilliseconds;
                        var answer = await client.SubmitAsync(records[i].Json, cancel: cancel);
                        if (answer.Error is not null) throw new InvalidOperationException($"submission refused: {answer.Status} {answer.Error}: {answer.Detail}");
                        pending[(answer.Shard, answer.Index)] = sent;
                    }
                }, cancel)).ToArray();
                var submitting = Task.WhenAll(submitters);
                var deadline = TimeSpan.FromSeconds(60 + count / 10.0);
                while (!(submitting.IsCompleted && pending.IsEmpty) && clock.Elapsed < deadline)
                {
                    var infos = await client.GetTextAsync("v1/shards", cancel);
                    var now = clock.Elapsed.TotalMilliseconds;
                    var witnessed = ((JArray)JsonParser.Parse(infos)).Items.Cast<JObject>()
                        .ToDictionary(s => (int)((JInteger)s["shard"]!).Value, s => (long)((JInteger)s["witnessed_size"]!).Value);
                    foreach (var key in pending.Keys)
                        if (key.Index < witnessed[key.Shard] && pending.TryRemove(key, out var sent)) latencies.Add(now - sent);
                    await Task.Delay(10, cancel);
                }
                await submitting;
                if (!pending.IsEmpty) throw new InvalidOperationException($"{pending.Count} records were never witnessed within {deadline.TotalSeconds:0} s");
                await app.StopAsync(CancellationToken.None);
                return new WitnessedLatency(count, shards, LatencyStats.Of(latencies.ToArray()));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
