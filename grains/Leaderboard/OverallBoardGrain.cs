using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// The overall board ("all"). It hears shards (each committed batch, witnessed sizes) and record grains (reproduction
/// evidence) and hands each event to the benchmark board of the record's content hash, keeps the catalog of those
/// boards, has the shards' reproduction queues take records up again when a benchmark is registered, and relays the
/// boards' changes to its observers. On activation it rebuilds from the log itself (so it never disagrees with what is
/// logged); a benchmark board starts from its snapshot. It ranks nothing: reads page through the benchmark boards.
/// </summary>
[GrainType("ledger-leaderboard")]
public sealed class OverallBoardGrain(
    [PersistentState("board", StorageNames.Ledger)] IPersistentState<BoardState> state,
    ILogStore store, IOptions<LedgerOptions> options, ILogger<OverallBoardGrain> log) : Grain, ILeaderboardGrain
{
    private const int ReadPage = 2048;
    // Every record, as its benchmark board needs it to start (item ids shared per benchmark).
    private readonly Dictionary<string, RecordSummary> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoardCatalogEntry> _catalog = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _witnessed = [];
    private readonly Dictionary<string, int> _rankedEarly = new(StringComparer.Ordinal);
    private readonly ItemIdInterner _ids = new();
    private readonly ObserverManager<ILeaderboardObserver> _observers = new(LeaderboardKeys.SubscriptionLifetime, log);
    private Dictionary<string, ReproductionEvidence> _evidence = new(StringComparer.Ordinal);
    private BoardCatalogEntry[]? _catalogView;
    private bool _evidenceDirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _evidence = state.State.Evidence;
        for (var shard = 0; shard < options.Value.ShardCount; shard++)
        {
            _witnessed[shard] = (await GrainFactory.GetGrain<ILogShardGrain>(shard).GetInfo()).WitnessedSize;
            for (long from = 0; ; from += ReadPage)
            {
                var page = await store.ReadEntriesAsync(shard, from, ReadPage, cancellationToken);
                foreach (var entry in page)
                    Store(RecordSummaries.From(RunRecord.Parse(entry.Json)) with { Position = new LogPosition(shard, entry.Index) });
                if (page.Count < ReadPage) break;
            }
        }
        // Re-runs that never reached the persisted evidence (or records logged before reproduction existed) are asked for again:
        // each shard's reproduction queue takes its log again and re-announces outcomes it already has.
        if (_records.Values.Any(r => IsReproducible(r) && !_evidence.ContainsKey(r.RecordId))) RescanReproduction();
        // A board starts from this log's records and ranks them before its first read answers, so it serves every row
        // counted here; each board (activated now if it is not) tells its size again after each ranking.
        foreach (var group in _records.Values.GroupBy(r => r.BenchmarkHash, StringComparer.Ordinal))
            _catalog[group.Key] = _catalog[group.Key] with { Count = Math.Max(_catalog[group.Key].Count, group.Count()) };
        _catalogView = null;
        foreach (var hash in _catalog.Keys) Board(hash).Announce().Ignore();
        this.RegisterGrainTimer(PersistEvidenceAsync, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => PersistEvidenceAsync(cancellationToken);

    public async Task Add(RecordSummary[] records)
    {
        // The boards hear the records before this board keeps them: a board that activates meanwhile starts from a snapshot
        // without them and counts them as new, so observers hear each one.
        try { await Task.WhenAll(records.GroupBy(r => r.BenchmarkHash, StringComparer.Ordinal).Select(g => Board(g.Key).Add([.. g]))); }
        finally { foreach (var record in records) Store(record); }
    }

    public Task BenchmarkRegistered(string benchmarkId)
    {
        // Always: a record of it may be logged and skipped by its queue before this board heard of the record.
        RescanReproduction();
        return Task.CompletedTask;
    }

    public async Task ShardWitnessed(int shard, long witnessedSize)
    {
        // Events may arrive out of order; a witnessed size never shrinks.
        if (witnessedSize <= _witnessed.GetValueOrDefault(shard)) return;
        _witnessed[shard] = witnessedSize;
        await Task.WhenAll(_catalog.Keys.ToArray().Select(hash => Board(hash).ShardWitnessed(shard, witnessedSize)));
    }

    public async Task ReproductionChanged(string recordId, ReproductionEvidence evidence)
    {
        if (_evidence.TryGetValue(recordId, out var known) && known == evidence) return;
        _evidence[recordId] = evidence;
        _evidenceDirty = true;
        if (_records.TryGetValue(recordId, out var record)) await Board(record.BenchmarkHash).ReproductionChanged(recordId, evidence);
    }

    public async Task<LeaderboardEntry[]> GetEntries(string? benchmark)
    {
        var pages = await Task.WhenAll(Catalog().Where(c => benchmark is null || c.BenchmarkId == benchmark)
            .Select(c => Board(c.BenchmarkHash).GetFreshPage(trust: true)));
        return [.. pages.SelectMany(p => p.Entries)];
    }

    public Task<BoardCatalogEntry[]> GetCatalog() => Task.FromResult(Catalog());

    public Task<KeyValuePair<string, int>[]> GetBenchmarks() => Task.FromResult(_catalog.Values
        .GroupBy(c => c.BenchmarkId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => KeyValuePair.Create(g.Key, g.Sum(c => c.Count))).ToArray());

    public Task<BoardSnapshot> GetSnapshot(string benchmarkHash)
    {
        var records = _records.Values.Where(r => r.BenchmarkHash == benchmarkHash).ToArray();
        var evidence = records.Where(r => _evidence.ContainsKey(r.RecordId)).ToDictionary(r => r.RecordId, r => _evidence[r.RecordId], StringComparer.Ordinal);
        return Task.FromResult(new BoardSnapshot(records, new Dictionary<int, long>(_witnessed), evidence));
    }

    public Task BoardRanked(string benchmarkHash, int rows)
    {
        // Snapshots only grow; a late message of an older snapshot does not shrink the count.
        if (!_catalog.TryGetValue(benchmarkHash, out var entry))
        {
            // A board can rank a batch before this board keeps it (it hears the batch first): the count waits for the entry.
            _rankedEarly[benchmarkHash] = Math.Max(rows, _rankedEarly.GetValueOrDefault(benchmarkHash));
            return Task.CompletedTask;
        }
        if (rows > entry.Count)
        {
            _catalog[benchmarkHash] = entry with { Count = rows };
            _catalogView = null;
        }
        return Task.CompletedTask;
    }

    public Task Publish(BoardChange change)
    {
        if (_observers.Count > 0) _observers.Notify(o => o.OnChanged(change));
        return Task.CompletedTask;
    }

    public Task Subscribe(ILeaderboardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ILeaderboardObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private IBenchmarkBoardGrain Board(string benchmarkHash) => GrainFactory.GetGrain<IBenchmarkBoardGrain>(benchmarkHash);

    private void Store(RecordSummary record)
    {
        _records[record.RecordId] = _ids.Intern(record);
        // Counted once the board's snapshot holds it (BoardRanked): until then no read could return its row.
        if (_catalog.ContainsKey(record.BenchmarkHash)) return;
        _rankedEarly.Remove(record.BenchmarkHash, out var early);
        _catalog[record.BenchmarkHash] = new BoardCatalogEntry(record.BenchmarkId, record.BenchmarkVersion, record.BenchmarkHash, early);
        _catalogView = null;
    }

    // Benchmark id@version, then content hash: the order of the overall view's groups.
    private BoardCatalogEntry[] Catalog() => _catalogView ??= [.. _catalog.Values
        .OrderBy(c => c.Benchmark, StringComparer.Ordinal).ThenBy(c => c.BenchmarkHash, StringComparer.Ordinal)];

    // Only deterministic models (provider `mock`: echo and fixtures) can be re-run by the cluster.
    private static bool IsReproducible(RecordSummary record) => record.Model.StartsWith("mock:", StringComparison.Ordinal);

    private void RescanReproduction()
    {
        for (var shard = 0; shard < options.Value.ShardCount; shard++) GrainFactory.GetGrain<IReproductionQueueGrain>(shard).Rescan().Ignore();
    }

    private async Task PersistEvidenceAsync(CancellationToken cancel)
    {
        if (!_evidenceDirty) return;
        state.State.Evidence = _evidence;
        await state.WriteStateAsync(cancel);
        // Only once durable: a failed write is tried again on the next tick.
        _evidenceDirty = false;
    }
}
