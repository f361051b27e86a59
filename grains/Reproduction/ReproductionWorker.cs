using System.Threading.Channels;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LedgerCluster.Grains.Reproduction;

/// <summary>
/// Re-runs deterministic records in the background: <see cref="Enqueue"/> only queues, and a fixed number of loops
/// (<see cref="ReproductionOptions.Concurrency"/>) drain the queue, so ingest never waits for a reproduction.
/// The re-run itself runs off the grain scheduler; the outcome goes to the record's grain, which tells the boards.
/// </summary>
[StatelessWorker(1), Reentrant]
[GrainType("ledger-reproduction")]
public sealed class ReproductionWorker(ILogStore store, ReproducibleModels models, IOptions<ReproductionOptions> options,
    ILogger<ReproductionWorker> log) : Grain, IReproductionWorker
{
    // Bounded: a flood beyond this is dropped, and the board's next rebuild queues those records again.
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, Benchmark> _benchmarks = new(StringComparer.Ordinal);
    private int _loops;

    public Task Enqueue(string[] recordIds)
    {
        foreach (var id in recordIds) _queue.Writer.TryWrite(id);
        // Counted before each drain starts: a drain that finds the queue empty ends (and uncounts itself) synchronously.
        while (_loops < Math.Max(1, options.Value.Concurrency) && _queue.Reader.Count > 0)
        {
            _loops++;
            _ = DrainAsync();
        }
        return Task.CompletedTask;
    }

    private async Task DrainAsync()
    {
        try
        {
            while (_queue.Reader.TryRead(out var id))
            {
                try { await ReproduceAsync(id); }
                catch (Exception e) { log.LogWarning(e, "Reproduction of record {RecordId} failed to run; it stays unreproduced", id); }
            }
        }
        finally
        {
            _loops--;
        }
    }

    private async Task ReproduceAsync(string recordId)
    {
        var recordGrain = GrainFactory.GetGrain<IRunRecordGrain>(recordId);
        if (await recordGrain.GetReproduction() is { } known)
        {
            // Already re-run: only make sure the boards know.
            await recordGrain.SetReproduction(known);
            return;
        }
        if (await store.GetRecordAsync(recordId) is not { } stored) return;
        var record = RunRecord.Parse(stored.Json);
        if (models.Resolve(record.Body.Model, out var reason) is not { } model)
        {
            log.LogInformation("Record {RecordId} is not re-run here: {Reason}", recordId, reason);
            return;
        }
        var pinned = record.Body.Benchmark;
        var key = $"{pinned.Id}@{pinned.Version}";
        if (!_benchmarks.TryGetValue(key, out var benchmark))
        {
            if (await GrainFactory.GetGrain<IBenchmarkGrain>(key).Get() is not { } definition)
            {
                log.LogInformation("Record {RecordId} is not re-run: benchmark {Benchmark} is not registered", recordId, key);
                return;
            }
            _benchmarks[key] = benchmark = BenchmarkJson.Read(JsonParser.Parse(definition.Json));
        }
        if (benchmark.ContentHash() != pinned.ContentHash)
        {
            // Not a failed re-run: nothing was re-run. Whoever registered that id@version first has other content.
            log.LogInformation("Record {RecordId} is not re-run: it pins {Benchmark} with content hash {Pinned}, the registered one differs",
                recordId, key, pinned.ContentHash);
            return;
        }
        await recordGrain.SetReproduction(await RerunAsync(record, benchmark, model));
    }

    private static async Task<ReproductionOutcome> RerunAsync(RunRecord record, Benchmark benchmark, Core.Models.IModel model)
    {
        // Scoring a whole benchmark is CPU work: keep it off the grain's scheduler.
        var check = await Task.Run(() => Core.Verification.Reproduction.CheckAsync(record, benchmark, model));
        return new ReproductionOutcome(check.Status == CheckStatus.Ok, check.Detail, Now());
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
