using System.Runtime.InteropServices;
using LedgerCluster.Core.Leaderboards;
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
/// boards' changes to its observers. It keeps nothing per record except the reproduction evidence (and where those
/// records sit): on activation it reads the log once to count each board's records and hands each board its rows (which
/// it then drops); a board that comes up later reads its rows from the log itself. It ranks nothing: reads page through
/// the benchmark boards.
/// </summary>
[GrainType("ledger-leaderboard")]
public sealed class OverallBoardGrain(
    [PersistentState("board", StorageNames.Ledger)] IPersistentState<BoardState> state,
    ILogStore store, IOptions<LedgerOptions> options, ILogger<OverallBoardGrain> log) : Grain, ILeaderboardGrain
{
    private const int ReadPage = 2048;
    private readonly Dictionary<string, BoardCatalogEntry> _catalog = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _witnessed = [];
    private readonly Dictionary<string, int> _rankedEarly = new(StringComparer.Ordinal);
    // Per shard, the leaves already handed to the boards (read at activation, or forwarded by Add): a board that reads the
    // log later treats only leaves beyond these as news, so each record is told `added` once.
    private readonly Dictionary<int, long> _announced = [];
    // The rows this board's activation read, per benchmark hash, until that board takes them (GetSnapshot) or shows it is
    // already up (BoardRanked): one read of the log at a restart instead of one per board. A board reads past RowsCover itself.
    private readonly Dictionary<string, byte[]> _handover = new(StringComparer.Ordinal);
    private Dictionary<int, long> _handoverCover = [];
    // Where each record with evidence sits (its board and position): only records the cluster re-ran or attested.
    private readonly Dictionary<string, (string BenchmarkHash, LogPosition Position)> _located = new(StringComparer.Ordinal);
    private readonly ObserverManager<ILeaderboardObserver> _observers = new(LeaderboardKeys.SubscriptionLifetime, log);
    private Dictionary<string, ReproductionEvidence> _evidence = new(StringComparer.Ordinal);
    private BoardCatalogEntry[]? _catalogView;
    private bool _evidenceDirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _evidence = state.State.Evidence;
        for (var shard = 0; shard < options.Value.ShardCount; shard++)
            _witnessed[shard] = (await GrainFactory.GetGrain<ILogShardGrain>(shard).GetInfo()).WitnessedSize;
        var evidence = _evidence;
        var (catalog, located, unreproduced, sizes, rows) = await Task.Run(() => ReadLogAsync(evidence, cancellationToken), cancellationToken);
        foreach (var (id, where) in located) _located[id] = where;
        foreach (var (shard, size) in sizes) _announced[shard] = size;
        foreach (var (hash, boardRows) in rows) _handover[hash] = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(boardRows)).ToArray();
        _handoverCover = sizes;
        // Re-runs that never reached the persisted evidence (or records logged before reproduction existed) are asked for again:
        // each shard's reproduction queue takes its log again and re-announces outcomes it already has.
        if (unreproduced) RescanReproduction();
        // A board reads this log's records and ranks them before its first read answers, so it serves every row counted
        // here; each board (activated now if it is not) tells its size again after each ranking.
        foreach (var (hash, entry) in catalog) _catalog[hash] = entry;
        _catalogView = null;
        foreach (var hash in _catalog.Keys) Board(hash).Announce().Ignore();
        this.RegisterGrainTimer(PersistEvidenceAsync, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => PersistEvidenceAsync(cancellationToken);

    public async Task Add(RecordSummary[] records)
    {
        // The boards hear the records before the catalog counts them: the catalog names only boards whose rows a read can get.
        try { await Task.WhenAll(records.GroupBy(r => r.BenchmarkHash, StringComparer.Ordinal).Select(g => Board(g.Key).Add([.. g]))); }
        finally
        {
            foreach (var record in records)
            {
                Catalogue(record.BenchmarkId, record.BenchmarkVersion, record.BenchmarkHash);
                if (record.Position is { } p && p.Index >= _announced.GetValueOrDefault(p.Shard)) _announced[p.Shard] = p.Index + 1;
            }
        }
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

    public async Task ReproductionChanged(string recordId, string benchmarkHash, LogPosition position, ReproductionEvidence evidence)
    {
        if (_evidence.TryGetValue(recordId, out var known) && known == evidence && _located.ContainsKey(recordId)) return;
        _evidence[recordId] = evidence;
        _located[recordId] = (benchmarkHash, position);
        _evidenceDirty = true;
        await Board(benchmarkHash).ReproductionChanged(position, evidence);
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
        var evidence = new Dictionary<LogPosition, ReproductionEvidence>();
        foreach (var (id, (hash, position)) in _located)
            if (hash == benchmarkHash && _evidence.TryGetValue(id, out var known)) evidence[position] = known;
        var handed = _handover.Remove(benchmarkHash, out var rows);
        return Task.FromResult(new BoardSnapshot(new Dictionary<int, long>(_witnessed), evidence, new Dictionary<int, long>(_announced),
            handed ? rows : null, handed ? new Dictionary<int, long>(_handoverCover) : null));
    }

    public Task BoardRanked(string benchmarkHash, int rows)
    {
        // A board that ranks is up: it did not need the rows this board read for it.
        _handover.Remove(benchmarkHash);
        // Snapshots only grow; a late message of an older snapshot does not shrink the count.
        if (!_catalog.TryGetValue(benchmarkHash, out var entry))
        {
            // A board can rank a batch before this board catalogues it (it hears the batch first): the count waits for the entry.
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

    // Per benchmark content hash: its catalog entry counting the log's records; where the records with evidence sit; and
    // whether a record the cluster could re-run has no evidence yet. Only counts are kept, not the records.
    private async Task<(Dictionary<string, BoardCatalogEntry> Catalog, List<(string Id, (string, LogPosition) Where)> Located, bool Unreproduced,
        Dictionary<int, long> Sizes, Dictionary<string, List<CompactRow>> Rows)> ReadLogAsync(
        Dictionary<string, ReproductionEvidence> evidence, CancellationToken cancel)
    {
        var catalog = new Dictionary<string, BoardCatalogEntry>(StringComparer.Ordinal);
        var located = new List<(string, (string, LogPosition))>();
        var unreproduced = false;
        var sizes = new Dictionary<int, long>();
        var rows = new Dictionary<string, List<CompactRow>>(StringComparer.Ordinal);
        for (var shard = 0; shard < options.Value.ShardCount; shard++)
        {
            sizes[shard] = 0;
            await foreach (var page in store.ReadPagesAsync(shard, 0, ReadPage, cancel))
            {
                sizes[shard] += page.Count;
                foreach (var entry in page)
                {
                    var record = RunRecord.Parse(entry.Json);
                    var benchmark = record.Body.Benchmark;
                    var summary = RecordSummaries.From(record);
                    if (!rows.TryGetValue(benchmark.ContentHash, out var boardRows)) rows[benchmark.ContentHash] = boardRows = [];
                    // The tier is the board's to set, from its own evidence, when it takes the rows.
                    boardRows.Add(BoardEntrant.RowOf(summary, shard, entry.Index));
                    catalog[benchmark.ContentHash] = catalog.TryGetValue(benchmark.ContentHash, out var known)
                        ? known with { Count = known.Count + 1 }
                        : new BoardCatalogEntry(benchmark.Id, benchmark.Version, benchmark.ContentHash, 1);
                    var reproduced = evidence.ContainsKey(record.Id);
                    if (reproduced) located.Add((record.Id, (benchmark.ContentHash, new LogPosition(shard, entry.Index))));
                    else if (IsReproducible(record)) unreproduced = true;
                }
            }
        }
        return (catalog, located, unreproduced, sizes, rows);
    }

    private void Catalogue(string benchmarkId, string benchmarkVersion, string benchmarkHash)
    {
        // Counted once the board's snapshot holds it (BoardRanked): until then no read could return its row.
        if (_catalog.ContainsKey(benchmarkHash)) return;
        _rankedEarly.Remove(benchmarkHash, out var early);
        _catalog[benchmarkHash] = new BoardCatalogEntry(benchmarkId, benchmarkVersion, benchmarkHash, early);
        _catalogView = null;
    }

    // Benchmark id@version, then content hash: the order of the overall view's groups.
    private BoardCatalogEntry[] Catalog() => _catalogView ??= [.. _catalog.Values
        .OrderBy(c => c.Benchmark, StringComparer.Ordinal).ThenBy(c => c.BenchmarkHash, StringComparer.Ordinal)];

    // Only deterministic models (provider `mock`: echo and fixtures) can be re-run by the cluster.
    private static bool IsReproducible(RunRecord record) => $"{record.Body.Model.Provider}:{record.Body.Model.Name}".StartsWith("mock:", StringComparison.Ordinal);

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
