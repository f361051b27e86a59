using System.Diagnostics;
using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// `ledger bench --board-records N`: fills a board with N signed records spread over a few benchmarks and models, then
/// reads the top of the board (JSON and page) idle, while batches keep arriving at full speed, and idle again.
/// Ingest during the reads draws on a reserve of further records, signed before timing; the reads under ingest stop
/// while every batch slot is still busy, so ingest runs for the whole of that set. With several gateways, batches go
/// round-robin over them and the reads go to the first.
/// </summary>
public static class BoardLoadProbe
{
    public static async Task<BoardLoadResult> RunAsync(BenchSettings settings, BenchProgress.StepStarter step, CancellationToken cancel)
    {
        var fillCount = settings.BoardRecords;
        var inFlight = settings.BatchSize * Math.Max(1, settings.BatchConcurrency);
        var reserveCount = Math.Max(fillCount, inFlight * 8);
        var total = fillCount + reserveCount;
        var signing = step($"board: sign {total:N0} records ({fillCount:N0} to fill, {reserveCount:N0} to ingest while reading)", total);
        var clock = Stopwatch.StartNew();
        var records = await Task.Run(() => RecordGenerator.Generate(total, settings.SigningKeys, "board-" + Guid.NewGuid().ToString("N")[..12], RecordMix.Board, signing), cancel);
        var signSeconds = clock.Elapsed.TotalSeconds;

        EmbeddedNode? node = null;
        if (settings.Gateways.Count == 0)
        {
            step($"board: start an embedded node ({settings.Shards} shards)", 1)(1);
            node = await EmbeddedNode.StartAsync(settings.Shards, cancel);
        }
        try
        {
            var urls = settings.Gateways.Count > 0 ? settings.Gateways : [node!.Url];
            // Ingest never gives up on its own while the reads need it running; the reads have their own limit.
            var ingest = settings with { DurationLimit = TimeSpan.FromHours(2), ProofSample = 1 };
            var clients = urls.Select(u => new LedgerGatewayClient(BenchRunner.CreateHttp(u, ingest))).ToList();
            using var readHttp = BoardReadLoop.CreateHttp(urls[0]);
            try
            {
                var start = await RowsAsync(readHttp, cancel);
                var fill = await BatchPhase.RunAsync(clients, records[..fillCount], ingest,
                    step($"board: fill with {fillCount:N0} records, {settings.BatchSize} per batch, {settings.BatchConcurrency} in flight", fillCount), cancel);
                var expectedAfterFill = start + fill.Accepted;
                var filled = await SettleAsync(readHttp, expectedAfterFill, step("board: wait for the board to hold every record", 1), cancel);

                // One unmeasured read each: the first after the fill pays for ranking what arrived.
                await BoardReadLoop.RunAsync(readHttp, "warm", 1, () => true, _ => { }, cancel);
                var reads = settings.BoardReads;
                var idleBefore = await BoardReadLoop.RunAsync(readHttp, "idle_before", reads, () => true,
                    step($"board: {reads} reads of each endpoint, idle", reads * BoardEndpoint.All.Count), cancel);

                var reserve = records[fillCount..];
                var ingested = 0;
                using var stopIngest = new CancellationTokenSource();
                var loading = step($"board: {reads} reads of each endpoint while batches arrive", reads * BoardEndpoint.All.Count);
                var ingesting = Task.Run(() => BatchPhase.RunAsync(clients, reserve, ingest, n => Interlocked.Add(ref ingested, n), cancel, stopIngest.Token), cancel);
                // Reads go on only while a full set of batches is still left to send, so every batch slot stays busy throughout.
                var underIngest = await BoardReadLoop.RunAsync(readHttp, "under_ingest", reads,
                    () => Volatile.Read(ref ingested) + inFlight * 2 <= reserve.Length && !ingesting.IsCompleted, loading, cancel);
                await stopIngest.CancelAsync();
                var load = await ingesting;

                var expectedAfterLoad = expectedAfterFill + load.Accepted;
                var settled = await SettleAsync(readHttp, expectedAfterLoad, step("board: wait for the board to hold every record", 1), cancel);
                var idleAfter = await BoardReadLoop.RunAsync(readHttp, "idle_after", reads, () => true,
                    step($"board: {reads} reads of each endpoint, idle again", reads * BoardEndpoint.All.Count), cancel);

                return new BoardLoadResult(MachineInfo.Current(), string.Join(",", urls), node is not null, settings.Shards, RecordMix.Board, fillCount, reserve.Length,
                    signSeconds, start, fill, filled, idleBefore, underIngest, load, expectedAfterLoad, settled, idleAfter);
            }
            finally
            {
                foreach (var client in clients) client.Dispose();
            }
        }
        finally
        {
            if (node is not null) await node.DisposeAsync();
        }
    }

    /// <summary>The overall board's row count now.</summary>
    private static async Task<long> RowsAsync(HttpClient http, CancellationToken cancel)
    {
        using var response = await http.GetAsync(BoardEndpoint.Api.Path, cancel);
        var (problem, total) = BoardEndpoint.Api.Check(response, await response.Content.ReadAsByteArrayAsync(cancel));
        return problem is null && total is { } rows ? rows : throw new Cli.CliException($"--board-records: the board did not answer: {problem}");
    }

    /// <summary>
    /// Waits (up to a minute) until the board holds at least <paramref name="expected"/> rows: a logged record reaches the
    /// board a moment after its proof is returned. Returns the rows it last saw.
    /// </summary>
    internal static async Task<long> SettleAsync(HttpClient http, long expected, Action<int> done, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        long rows;
        while ((rows = await RowsAsync(http, cancel)) < expected && clock.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(200, cancel);
        done(1);
        return rows;
    }
}
