using System.Diagnostics;
using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// The whole bench: generate and sign every record first, start a node if none was given, measure the Ed25519
/// verify rate, warm up, run the timed phases, then verify a sample of the returned proofs and the log's growth.
/// </summary>
public static class BenchRunner
{
    private const int WarmupSingle = 512, WarmupBatch = 2048, WarmupRecords = WarmupSingle + WarmupBatch;

    public static async Task<BenchReport> RunAsync(BenchSettings settings, BenchProgress.StepStarter step, CancellationToken cancel)
    {
        var (records, generateSeconds) = await GenerateAsync(settings, step, cancel);
        EmbeddedNode? node = null;
        if (settings.Gateways.Count == 0)
        {
            step($"start an embedded node ({settings.Shards} shards)", 1)(1);
            node = await EmbeddedNode.StartAsync(settings.Shards, cancel);
        }
        try
        {
            var urls = settings.Gateways.Count > 0 ? settings.Gateways : [node!.Url];
            return await MeasureAsync(settings, urls, node is not null, records, generateSeconds, null, step, cancel);
        }
        finally
        {
            if (node is not null) await node.DisposeAsync();
        }
    }

    /// <summary>
    /// `--stores`: the same records, phases and settings against an embedded node on each store in turn (Azurite started for
    /// it and stopped after), one verify-rate probe for all.
    /// </summary>
    public static async Task<StoreComparison> CompareStoresAsync(BenchSettings settings, BenchProgress.StepStarter step, CancellationToken cancel)
    {
        var (records, generateSeconds) = await GenerateAsync(settings, step, cancel);
        VerifyRate? verify = null;
        var reports = new List<StoreReport>();
        foreach (var store in settings.Stores)
        {
            AzuriteProcess? azurite = null;
            EmbeddedNode? node = null;
            try
            {
                if (store == BenchStores.Azurite)
                {
                    step("start Azurite (in memory, free ports)", 1)(1);
                    azurite = await AzuriteProcess.StartAsync(cancel);
                }
                step($"{store}: start an embedded node ({settings.Shards} shards)", 1)(1);
                node = await EmbeddedNode.StartAsync(settings.Shards, cancel, azurite?.ConnectionString);
                var report = await MeasureAsync(settings, [node.Url], true, records, generateSeconds, verify, (s, total) => step($"{store}: {s}", total), cancel);
                verify = report.Verify;
                reports.Add(new StoreReport(store, report));
            }
            finally
            {
                if (node is not null) await node.DisposeAsync();
                if (azurite is not null) await azurite.DisposeAsync();
            }
        }
        return new StoreComparison(reports);
    }

    private static async Task<(BenchRecord[] Records, double Seconds)> GenerateAsync(BenchSettings settings, BenchProgress.StepStarter step, CancellationToken cancel)
    {
        var phaseCount = (settings.Single ? 1 : 0) + (settings.Batch ? 1 : 0);
        var total = WarmupRecords + settings.Records * phaseCount;
        var generating = step($"sign {total:N0} records", total);
        var clock = Stopwatch.StartNew();
        var runId = Guid.NewGuid().ToString("N")[..16];
        var records = await Task.Run(() => RecordGenerator.Generate(total, settings.SigningKeys, runId), cancel);
        generating(total);
        return (records, clock.Elapsed.TotalSeconds);
    }

    private static async Task<BenchReport> MeasureAsync(BenchSettings settings, IReadOnlyList<string> urls, bool embedded, BenchRecord[] records, double generateSeconds,
        VerifyRate? measuredVerify, BenchProgress.StepStarter step, CancellationToken cancel)
    {
        var clients = urls.Select(u => new LedgerGatewayClient(CreateHttp(u, settings))).ToList();
        using var dispose = new Disposables(clients);
        var client = clients[0];
        var before = await client.GetShardsAsync(cancel);
        foreach (var other in clients.Skip(1))
        {
            var keys = (await other.GetShardsAsync(cancel)).Select(s => s.VerifierKey);
            if (!keys.SequenceEqual(before.Select(s => s.VerifierKey)))
                throw new Cli.CliException($"--gateway: {SinglePhase.Name(other)} serves other shards than {SinglePhase.Name(client)}: give gateways of one cluster");
        }

        var verify = measuredVerify;
        if (verify is null)
        {
            var probing = step("measure the Ed25519 verify rate", 2);
            verify = await Task.Run(() => VerifyRateProbe.Measure(records, settings.VerifyProbe), cancel);
            probing(2);
        }

        var warming = step("warm up", WarmupRecords);
        var warm = await WarmUpAsync(clients, records[..WarmupRecords], settings, warming, cancel);
        step("let the JIT settle", 1)(1);
        var settle = await JitSettle.WaitAsync(TimeSpan.FromSeconds(5), cancel);

        var phases = new List<PhaseResult>();
        var offset = WarmupRecords;
        if (settings.Single)
        {
            var slice = records[offset..(offset + settings.Records)];
            offset += settings.Records;
            phases.Add(await SinglePhase.RunAsync(clients, slice, settings,
                step($"single: {settings.Records:N0} records, {settings.Concurrency} clients", settings.Records), cancel));
        }
        if (settings.Batch)
        {
            var slice = records[offset..(offset + settings.Records)];
            phases.Add(await BatchPhase.RunAsync(clients, slice, settings,
                step($"batch: {settings.Records:N0} records, {settings.BatchSize} per batch, {settings.BatchConcurrency} in flight", settings.Records), cancel));
        }

        var after = await client.GetShardsAsync(cancel);
        var checking = step("verify returned proofs", phases.Sum(p => p.Sample.Count));
        var checker = new ProofChecker(after);
        phases = phases.Select(p => p with { Proofs = Check(checker, p.Sample, checking) }).ToList();
        var leavesAdded = after.Sum(s => s.Size) - before.Sum(s => s.Size) - warm;
        return new BenchReport(MachineInfo.Current(), string.Join(",", urls), embedded, after.Count, settings.Records, records.Length, generateSeconds, settle.TotalSeconds, verify, phases, leavesAdded)
        {
            Gateways = urls.Count > 1 ? urls : [],
        };
    }

    /// <summary>
    /// Pools connections (one per concurrent client), never goes through a proxy, and gives up on a request a
    /// while after the phase's own limit, so a stuck gateway cannot hang the bench.
    /// </summary>
    public static HttpClient CreateHttp(string url, BenchSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(settings.Concurrency, settings.BatchConcurrency) + 4,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
        // A submission the cluster could not take yet (failover, storage outage) is retried with backoff, not counted as lost.
        return RetryingHandler.CreateClient(url, RetryPolicy.Default, settings.DurationLimit + TimeSpan.FromSeconds(30), handler);
    }

    // First requests pay for JIT, shard activation and the store opening; keep them out of the timed phases.
    // Returns how many leaves the warm-up added, so the log-growth check counts only the phases.
    private static async Task<long> WarmUpAsync(IReadOnlyList<LedgerGatewayClient> clients, BenchRecord[] records, BenchSettings settings, Action<int> advance, CancellationToken cancel)
    {
        var warm = settings with
        {
            DurationLimit = TimeSpan.FromSeconds(30), Concurrency = Math.Min(16, settings.Concurrency),
            BatchSize = Math.Min(512, settings.BatchSize), BatchConcurrency = 2, ProofSample = 1,
        };
        var single = await SinglePhase.RunAsync(clients, records[..WarmupSingle], warm, advance, cancel);
        var batch = await BatchPhase.RunAsync(clients, records[WarmupSingle..], warm, advance, cancel);
        if (single.Errors.Total + batch.Errors.Total > 0)
        {
            var (kind, _, detail) = single.Errors.Kinds().Concat(batch.Errors.Kinds()).First();
            throw new Cli.CliException($"the gateway refused the warm-up records ({kind}: {detail})");
        }
        return single.Accepted + batch.Accepted;
    }

    private sealed class Disposables(IEnumerable<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items) item.Dispose();
        }
    }

    private static ProofTally Check(ProofChecker checker, IReadOnlyList<(BenchRecord Sent, Submission Answer)> sample, Action<int> advance)
    {
        var failed = 0;
        string? first = null;
        foreach (var (sent, answer) in sample)
        {
            var problem = checker.Problem(sent.Id, answer);
            if (problem is not null) { failed++; first ??= problem; }
            advance(1);
        }
        return new ProofTally(sample.Count, failed, first);
    }
}
