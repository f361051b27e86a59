using System.Diagnostics;
using LedgerCluster.Client.Gateway;
using System.Runtime.InteropServices;
using LedgerCluster.Grains.Log;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Silo;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// `ledger bench --scale N,M,…`: for each size, a fresh embedded SQLite node in this process ingests N records in NDJSON
/// batches (made a chunk at a time, so the sender holds no more than one chunk), then the store's size and the process's
/// memory are measured; the node is stopped and started again on the same data, and the time until every shard answers
/// and the memory after that are measured. Memory is read after a full, compacting collection: the working set and the
/// live managed heap, which is what a node keeps per record if it keeps anything.
/// </summary>
public static class ScaleProbe
{
    private const int Chunk = 20_000;

    public static async Task<ScaleReport> RunAsync(IReadOnlyList<int> sizes, int shards, int batchSize, int batchConcurrency, Action<string> progress,
        CancellationToken cancel)
    {
        var points = new List<ScalePoint>();
        foreach (var size in sizes) points.Add(await MeasureAsync(size, shards, batchSize, batchConcurrency, progress, cancel));
        return new ScaleReport(points);
    }

    private static async Task<ScalePoint> MeasureAsync(int records, int shards, int batchSize, int batchConcurrency, Action<string> progress, CancellationToken cancel)
    {
        var data = Path.Combine(Path.GetTempPath(), "ledger-bench-scale-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var runId = Guid.NewGuid().ToString("N")[..12];
            long recordBytes = 0;
            var accepted = 0;
            double ingestSeconds;
            long workingSetAfterIngest, heapAfterIngest, sqliteAfterIngest;
            await using (var node = await EmbeddedNode.StartAsync(shards, data, cancel))
            {
                using var client = new LedgerGatewayClient(node.Url);
                var clock = Stopwatch.StartNew();
                for (var first = 0; first < records; first += Chunk)
                {
                    var chunk = RecordGenerator.Generate(Math.Min(Chunk, records - first), 16, $"{runId}-{first}");
                    recordBytes += chunk.Sum(r => (long)r.Json.Length);
                    var batches = chunk.Chunk(batchSize).ToArray();
                    var next = -1;
                    async Task Send()
                    {
                        int b;
                        while ((b = Interlocked.Increment(ref next)) < batches.Length)
                        {
                            var answers = await client.SubmitNdjsonAsync(BatchPhase.Body(batches[b]), cancel);
                            Interlocked.Add(ref accepted, answers.Count(a => a.Accepted));
                        }
                    }
                    await Task.WhenAll(Enumerable.Range(0, Math.Max(1, batchConcurrency)).Select(_ => Task.Run(Send, cancel)));
                    progress($"scale {records:N0}: {Math.Min(records, first + Chunk):N0} ingested ({clock.Elapsed.TotalSeconds:0} s)");
                }
                ingestSeconds = clock.Elapsed.TotalSeconds;
                // Memory after ingest is what the node keeps once it has taken the records in: the board holding every one
                // of them and its last ranking done (one more may follow the last batch's witness event), not a ranking's
                // working copy caught halfway.
                progress($"scale {records:N0}: waiting for the board to hold every record");
                using (var http = BoardReadLoop.CreateHttp(node.Url))
                {
                    var rows = await BoardLoadProbe.SettleAsync(http, accepted, _ => { }, cancel);
                    if (rows < accepted) throw new InvalidOperationException($"the board holds {rows:N0} rows after a minute, {accepted:N0} records were accepted");
                }
                await Task.Delay(TimeSpan.FromSeconds(3), cancel);
                (workingSetAfterIngest, heapAfterIngest, sqliteAfterIngest) = Memory();
            }
            // What the log keeps on disk, with every record's stored (compressed) bytes counted apart.
            var database = LedgerStorage.SqlitePath(data);
            long storedRecordBytes;
            using (var store = new SqliteLogStore(database)) (_, storedRecordBytes) = await store.MeasureRecordsAsync(cancel);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // What a shard reads when it activates, each on a store opened afresh; the slowest shard of a pass counts, and the
            // median of 5 passes after one that only warms up (JIT), so neither the first size nor one slow read decides.
            const int Passes = 6;
            var slowest = new double[Passes];
            for (var pass = 0; pass < Passes; pass++)
            for (var shard = 0; shard < shards; shard++)
            {
                using var store = new SqliteLogStore(database);
                var read = Stopwatch.StartNew();
                var resume = await ShardResume.LoadAsync(store, shard, cancel);
                _ = resume.Edge.Root();
                slowest[pass] = Math.Max(slowest[pass], read.Elapsed.TotalSeconds);
                if (resume.Missing is { } missing) throw new InvalidOperationException($"the store the bench wrote is inconsistent: {missing}");
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
            var activation = slowest.Skip(1).Order().ElementAt((Passes - 1) / 2);
            // The write-ahead log is folded into the file and truncated first: a WAL file keeps the size it once reached
            // (up to ~16 MB here) whatever it still holds, which would be counted as the log's overhead.
            await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await db.OpenAsync(cancel);
                await using var truncate = db.CreateCommand();
                truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await truncate.ExecuteNonQueryAsync(cancel);
            }
            var storeBytes = new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

            progress($"scale {records:N0}: restarting");
            Memory();
            var restart = Stopwatch.StartNew();
            await using (var node = await EmbeddedNode.StartAsync(shards, data, cancel))
            {
                using var client = new LedgerGatewayClient(node.Url);
                await Task.WhenAll(Enumerable.Range(0, shards).Select(s => client.GetCheckpointAsync(s, cancel)));
                var restartSeconds = restart.Elapsed.TotalSeconds;
                var (workingSetAfterRestart, heapAfterRestart, sqliteAfterRestart) = Memory();
                return new ScalePoint(records, accepted, ingestSeconds, storeBytes, recordBytes, storedRecordBytes,
                    workingSetAfterIngest, heapAfterIngest, workingSetAfterRestart, heapAfterRestart, activation, restartSeconds,
                    sqliteAfterIngest, sqliteAfterRestart);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            EmbeddedNode.DeleteQuietly(data);
        }
    }

    // After a full, compacting collection that also returns free memory to the OS, so the working set shows what is live;
    // SQLite's own allocations (mostly its page caches, bounded by cache_size) are named apart.
    private static (long WorkingSet, long Heap, long Sqlite) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // Native memory freed by a stopped node (SQLite's page caches) stays in the C allocator's arenas until trimmed;
        // a restart in a new process would not carry it, so it is handed back before the working set is read.
        if (OperatingSystem.IsLinux())
        {
            try { MallocTrim(0); }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes, SQLitePCL.raw.sqlite3_memory_used());
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
