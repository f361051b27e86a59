using System.Diagnostics;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace LedgerCluster.Grains.Reproduction;

/// <summary>
/// Re-runs one shard's deterministic records. Its queue is the shard's log: a persisted cursor marks the leaves taken care
/// of, and a timer works through the rest a page at a time while there is any, so a flood of records only makes the
/// backlog (signed size minus cursor) longer: nothing is dropped, nothing times out, and a restart resumes at the cursor.
/// Re-runs take a slot of the silo's <see cref="ReproductionSlots"/>; the outcome goes to the record's grain, which
/// tells the boards.
/// </summary>
[GrainType("ledger-reproduction-queue")]
public sealed class ReproductionQueueGrain(
    [PersistentState("reproduction", StorageNames.Ledger)] IPersistentState<ReproductionQueueState> state,
    ILogStore store, ReproducibleModels models, ReproductionSlots slots, ILogger<ReproductionQueueGrain> log) : Grain, IReproductionQueueGrain
{
    // Records are read whole (up to the gateway's record limit each, 64 MiB by default): a small page keeps a queue's memory bounded.
    private const int PageSize = 16;
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);
    // A record whose re-run keeps failing (not a failed reproduction: the run itself could not happen) is retried this
    // often, a tick apart, before the queue moves past it, so one bad record cannot stall the shard.
    private const int MaxAttempts = 5;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);

    // Registered benchmarks met so far, with their content hashes (hashing a large benchmark per record would dominate).
    private readonly Dictionary<string, (Benchmark Benchmark, string Hash)> _benchmarks = new(StringComparer.Ordinal);
    private IGrainTimer? _timer;
    private bool _poked, _rescan;
    private int _attempts;

    private int Shard => (int)this.GetPrimaryKeyLong();

    public Task Poke()
    {
        _poked = true;
        _timer ??= this.RegisterGrainTimer(DrainAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Tick, KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Rescan()
    {
        _rescan = true;
        return Poke();
    }

    public async Task<long> GetBacklog()
    {
        var size = (await GrainFactory.GetGrain<ILogShardGrain>(Shard).GetInfo()).Size;
        return Math.Max(0, size - (_rescan ? 0 : state.State.Cursor));
    }

    private async Task DrainAsync(CancellationToken cancel)
    {
        try
        {
            if (_rescan)
            {
                _rescan = false;
                _benchmarks.Clear();
                state.State.Cursor = 0;
                await state.WriteStateAsync(cancel);
            }
            // Cleared before reading the size: a poke from here on may mean leaves past it.
            _poked = false;
            var size = (await GrainFactory.GetGrain<ILogShardGrain>(Shard).GetInfo()).Size;
            var cursor = state.State.Cursor;
            if (cursor >= size)
            {
                if (!_poked && !_rescan) StopDraining();
                return;
            }
            // Pages until the backlog is done or the slice is used, then the timer gives other calls a turn.
            var slice = Stopwatch.StartNew();
            while (cursor < size && !_rescan && slice.Elapsed < Slice)
            {
                var entries = await store.ReadEntriesAsync(Shard, cursor, (int)Math.Min(PageSize, size - cursor), cancel);
                var (done, failed) = await ReproducePageAsync(entries);
                if (done > 0)
                {
                    cursor += done;
                    state.State.Cursor = cursor;
                    await state.WriteStateAsync(cancel);
                }
                if (failed || entries.Count == 0) break;
            }
        }
        catch (ShardInconsistentException e)
        {
            // The shard serves nothing until its store is repaired; the next activation of it pokes this queue again.
            log.LogWarning("Shard {Shard}: reproduction paused: {Problem}", Shard, e.Message);
            StopDraining();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing advanced past what was durably done; try again a little later.
            log.LogWarning(e, "Shard {Shard}: reproduction queue could not advance; retrying", Shard);
            _timer?.Change(AfterFailure, Tick);
        }
    }

    // Re-runs a page in log order; stops at a record whose re-run failed (to retry it), unless it has failed too often.
    private async Task<(int Done, bool Failed)> ReproducePageAsync(IReadOnlyList<StoredRecord> entries)
    {
        var done = 0;
        foreach (var entry in entries)
        {
            try
            {
                await ReproduceAsync(entry);
                _attempts = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (++_attempts < MaxAttempts)
                {
                    log.LogWarning(e, "Shard {Shard}: re-running record {RecordId} failed (attempt {Attempt} of {Max}); retrying", Shard, entry.RecordId, _attempts, MaxAttempts);
                    _timer?.Change(AfterFailure, Tick);
                    return (done, true);
                }
                log.LogError(e, "Shard {Shard}: record {RecordId} could not be re-run after {Max} attempts; it stays unreproduced", Shard, entry.RecordId, MaxAttempts);
                _attempts = 0;
            }
            done++;
        }
        return (done, false);
    }

    private void StopDraining()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private async Task ReproduceAsync(StoredRecord entry)
    {
        // Parsing a record is CPU work: keep it off the grain's scheduler.
        var record = await Task.Run(() => RunRecord.Parse(entry.Json));
        // Only deterministic models (provider `mock`: echo and fixtures) can be re-run by the cluster.
        if (!RecordSummaries.From(record).Model.StartsWith("mock:", StringComparison.Ordinal)) return;
        var recordGrain = GrainFactory.GetGrain<IRunRecordGrain>(entry.RecordId);
        if (await recordGrain.GetReproduction() is { } known)
        {
            // Already re-run: only make sure the boards know.
            await recordGrain.SetReproduction(known);
            return;
        }
        if (models.Resolve(record.Body.Model, out var reason) is not { } model)
        {
            log.LogInformation("Record {RecordId} is not re-run here: {Reason}", entry.RecordId, reason);
            return;
        }
        var pinned = record.Body.Benchmark;
        var key = $"{pinned.Id}@{pinned.Version}";
        if (!_benchmarks.TryGetValue(key, out var registered))
        {
            if (await GrainFactory.GetGrain<IBenchmarkGrain>(key).Get() is not { } definition)
            {
                // Registering the benchmark rescans the log, so this record is taken up then.
                log.LogInformation("Record {RecordId} is not re-run: benchmark {Benchmark} is not registered", entry.RecordId, key);
                return;
            }
            _benchmarks[key] = registered = await Task.Run(() =>
            {
                var read = BenchmarkJson.Read(JsonParser.Parse(definition.Json));
                return (read, read.ContentHash());
            });
        }
        var benchmark = registered.Benchmark;
        if (registered.Hash != pinned.ContentHash)
        {
            // Not a failed re-run: nothing was re-run. Whoever registered that id@version first has other content.
            log.LogInformation("Record {RecordId} is not re-run: it pins {Benchmark} with content hash {Pinned}, the registered one differs",
                entry.RecordId, key, pinned.ContentHash);
            return;
        }
        await recordGrain.SetReproduction(await slots.RunAsync(() => RerunAsync(record, benchmark, model)));
    }

    private static async Task<ReproductionOutcome> RerunAsync(RunRecord record, Benchmark benchmark, Core.Models.IModel model)
    {
        // Scoring a whole benchmark is CPU work: keep it off the grain's scheduler.
        var check = await Task.Run(() => Core.Verification.Reproduction.CheckAsync(record, benchmark, model));
        return new ReproductionOutcome(check.Status == CheckStatus.Ok, check.Detail, Now());
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
