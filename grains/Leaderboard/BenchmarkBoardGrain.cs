using System.Runtime.InteropServices;
using System.Text;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// The board of one benchmark content hash (the key). It keeps each record as one 24-byte <see cref="CompactRow"/> (the
/// ranked snapshot is the sorted rows themselves, in a file once there are many: <see cref="BoardRows"/>) and full summaries
/// only for the top rows and a bounded number of recent arrivals; anything else a ranking or a page needs it reads from the
/// log by position. Events only record what
/// changed and mark the board dirty; a timer ranks on the thread pool at most every <see cref="RebuildEvery"/> (or twice
/// the last ranking's time, whichever is longer) and swaps in the new immutable snapshot, so neither an event nor a read
/// ever waits for a ranking, and reads (interleaved) cost the page they return. After each swap the rows that arrived or
/// changed tier are told to the overall board, which relays them to observers: each record is `added` once, and a `tier`
/// change only when its tier did change, with its rank on this board.
/// On activation the board takes the rows the overall board read at its own activation, if it has them for this board, and
/// reads the rest of the log itself (all of it otherwise), so it depends on no grain keeping rows; it then stays active for
/// the silo's life (its timer keeps it alive): that read happens once per silo, not after every idle spell.
/// </summary>
[GrainType("ledger-benchmark-board")]
public sealed class BenchmarkBoardGrain(ILogStore store, IOptions<LedgerOptions> options, ILogger<BenchmarkBoardGrain> log) : Grain, IBenchmarkBoardGrain
{
    private static readonly TimeSpan RebuildEvery = TimeSpan.FromMilliseconds(250);
    // Rankings of all boards on this silo share half the cores, so requests and ingest keep the rest.
    private static readonly SemaphoreSlim RankingSlots = new(Math.Max(1, Environment.ProcessorCount / 2));
    private const int MaxEntriesPerChange = 100;
    private const int ReadPage = 2048;
    // Summaries kept from Add until the next ranking: enough for a live stream's `added` rows and newcomers to the top;
    // under a bulk load the rest are read back from the log only if they rank among the top rows or are told.
    private const int RecentSummaries = 512;
    private readonly Dictionary<int, long> _witnessed = [];
    private readonly Dictionary<long, ReproductionEvidence> _evidence = [];
    // Log entries below these sizes were read at activation; an Add of one of them is already on the board.
    private readonly Dictionary<int, long> _readAtActivation = [];
    private List<CompactRow> _arrived = [];
    private Dictionary<long, RecordSummary> _recent = [];
    private SummaryLoader _loader = null!;
    private RankedSnapshot _trust = null!;
    private RankedSnapshot? _plain;
    private bool _plainWanted, _dirty, _ranked;
    private Task? _rebuild;
    // A big board ranks for a while (about 0.3 s at 100,000 rows): the next timed rebuild waits twice that, so ranking
    // takes at most a third of a core however fast records arrive.
    private DateTime _nextRebuild;

    private string Hash => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _loader = new SummaryLoader(store, Hash);
        var snapshot = await GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetSnapshot(Hash);
        foreach (var (shard, size) in snapshot.Witnessed) _witnessed[shard] = size;
        foreach (var (position, evidence) in snapshot.Evidence) _evidence[CompactRow.PositionOf(position.Shard, position.Index)] = evidence;
        var (hash, shards, witnessed, known) = (Hash, options.Value.ShardCount, new Dictionary<int, long>(_witnessed), new Dictionary<long, ReproductionEvidence>(_evidence));
        // Parsing is off the grain's turn. What the boards were already handed when this one comes up is not news:
        // observers hear only what changes from here on, so those rows are not marked arrived and carry the tier they
        // have now. Leaves logged since (their Add may be on its way, and will be skipped) are told as `added`.
        var (rows, read) = await Task.Run(() => ReadLogAsync(hash, shards, snapshot, witnessed, known, cancellationToken), cancellationToken);
        _arrived = rows;
        foreach (var (shard, size) in read) _readAtActivation[shard] = size;
        _trust = RankedSnapshot.Empty(Hash, witnessed, known);
        _dirty = _arrived.Count > 0;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = RebuildEvery, Interleave = true, KeepAlive = true });
    }

    public Task Add(RecordSummary[] records)
    {
        foreach (var record in records)
        {
            // Only logged records have a place on a board (the shard sets the position before telling the boards).
            if (record.BenchmarkHash != Hash || record.Position is not { } p) continue;
            if (p.Index < _readAtActivation.GetValueOrDefault(p.Shard)) continue;
            var row = BoardEntrant.RowOf(record, p.Shard, p.Index).MarkArrived();
            _arrived.Add(row);
            if (_recent.Count < RecentSummaries) _recent[row.Position] = _loader.Intern(record);
            _dirty = true;
        }
        return Task.CompletedTask;
    }

    public Task ShardWitnessed(int shard, long witnessedSize)
    {
        // Events may arrive out of order; a witnessed size never shrinks.
        if (witnessedSize <= _witnessed.GetValueOrDefault(shard)) return Task.CompletedTask;
        _witnessed[shard] = witnessedSize;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task ReproductionChanged(LogPosition position, ReproductionEvidence evidence)
    {
        var key = CompactRow.PositionOf(position.Shard, position.Index);
        if (_evidence.TryGetValue(key, out var known) && known == evidence) return Task.CompletedTask;
        _evidence[key] = evidence;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task Announce()
    {
        GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).BoardRanked(Hash, _trust.Total).Ignore();
        return Task.CompletedTask;
    }

    public async Task<BoardPage> GetPage(int offset, int limit, bool trust)
    {
        // A board just activated holds its rows but no ranking yet: the first read waits for one rather than answering a short
        // page, also when the timer's first ranking has already taken the rows it read (they are in that ranking, not here).
        if (!_ranked && (_rebuild is { IsCompleted: false } || _arrived.Count > 0)) await RebuildAsync();
        if (!trust && _plain is null) await FreshAsync(trust);
        return await PageOf(trust ? _trust : _plain!, offset, limit);
    }

    public async Task<BoardPage> GetFreshPage(bool trust)
    {
        await FreshAsync(trust);
        return await PageOf(trust ? _trust : _plain ?? _trust, 0, int.MaxValue);
    }

    // Rows below the cached top are read from the log and parsed on the thread pool, not on the grain's turn; the snapshot's
    // rows are leased (taken here, on the turn) so a ranking that swaps it meanwhile does not close them under the read.
    private async Task<BoardPage> PageOf(RankedSnapshot snapshot, int offset, int limit)
    {
        var loader = _loader;
        if (!snapshot.Rows.Acquire()) throw new InvalidOperationException("a board read a snapshot it had already let go of");
        try
        {
            return await Task.Run(() => snapshot.PageAsync(offset, limit, row => snapshot.Cached(row.Position) is { } s ? Task.FromResult(s) : loader.LoadAsync(row)));
        }
        finally
        {
            snapshot.Rows.Release();
        }
    }

    // The rows the overall board handed over (leaves below RowsCover), then the log from there on (all of it when nothing was
    // handed over): a handover that waited while more was logged is completed here, never trusted past what it covers.
    private async Task<(List<CompactRow> Rows, Dictionary<int, long> Read)> ReadLogAsync(string hash, int shards, BoardSnapshot snapshot,
        IReadOnlyDictionary<int, long> witnessed, IReadOnlyDictionary<long, ReproductionEvidence> evidence, CancellationToken cancel)
    {
        var announced = snapshot.Announced;
        var rows = new List<CompactRow>();
        // Each row with its tier now, marked arrived if the boards have not been told of it yet.
        void Take(CompactRow row)
        {
            var tiered = row.WithTier(Standings.TierOf(row, witnessed, evidence.GetValueOrDefault(row.Position)));
            rows.Add(row.Index < announced.GetValueOrDefault(row.Shard) ? tiered : tiered.MarkArrived());
        }
        if (snapshot.Rows is { } handed)
            foreach (var row in MemoryMarshal.Cast<byte, CompactRow>(handed)) Take(row);
        // The hash as it appears in a record's JSON: entries without it are skipped unparsed.
        var needle = Encoding.UTF8.GetBytes(hash);
        var read = new Dictionary<int, long>();
        for (var shard = 0; shard < shards; shard++)
        {
            read[shard] = snapshot.RowsCover?.GetValueOrDefault(shard) ?? 0;
            await foreach (var page in store.ReadPagesAsync(shard, read[shard], ReadPage, cancel))
            {
                read[shard] += page.Count;
                foreach (var entry in page)
                {
                    if (entry.Json.AsSpan().IndexOf(needle) < 0) continue;
                    var summary = RecordSummaries.From(RunRecord.Parse(entry.Json));
                    if (summary.BenchmarkHash == hash) Take(BoardEntrant.RowOf(summary, shard, entry.Index));
                }
            }
        }
        return (rows, read);
    }

    // Brings the snapshot up to date with every event already received (bounded: under a steady stream it may stay a turn behind).
    private async Task FreshAsync(bool trust)
    {
        if (!trust && !_plainWanted) (_plainWanted, _dirty) = (true, true);
        for (var round = 0; round < 4 && (_dirty || _rebuild is { IsCompleted: false }); round++) await RebuildAsync();
    }

    private async Task TickAsync(CancellationToken cancel)
    {
        if (_dirty && _rebuild is not { IsCompleted: false } && DateTime.UtcNow >= _nextRebuild) await RebuildAsync();
    }

    private Task RebuildAsync() => _rebuild is { IsCompleted: false } ? _rebuild : _rebuild = RankAsync();

    private async Task RankAsync()
    {
        _dirty = false;
        // Only the new arrivals and the small evidence maps are taken on the grain's turn: merging, tiers, sorting, the
        // paired tests and what to publish run on the thread pool, so interleaved reads never wait behind per-row work.
        var (arrived, recent) = (_arrived, _recent);
        (_arrived, _recent) = ([], []);
        var previous = _trust;
        var witnessed = new Dictionary<int, long>(_witnessed);
        var evidence = new Dictionary<long, ReproductionEvidence>(_evidence);
        var (hash, plain, loader, settings) = (Hash, _plainWanted, _loader, options.Value);
        var started = DateTime.UtcNow;
        previous.Rows.Acquire();
        try
        {
            var ranked = await Task.Run(async () =>
            {
                await RankingSlots.WaitAsync();
                try { return await RankAsync(hash, previous, arrived, recent, witnessed, evidence, plain, loader, settings); }
                finally { RankingSlots.Release(); }
            });
            var (oldTrust, oldPlain) = (_trust, ranked.ByAccuracy is not null ? _plain : null);
            (_trust, _ranked) = (ranked.Trusted, true);
            if (ranked.ByAccuracy is not null) _plain = ranked.ByAccuracy;
            oldTrust.Rows.Release();
            oldPlain?.Rows.Release();
            Publish(ranked.Trusted.Total, ranked.Added, ranked.Retiered);
            _nextRebuild = DateTime.UtcNow + 2 * (DateTime.UtcNow - started);
        }
        catch (Exception e)
        {
            // Kept dirty with its arrivals put back: the next tick tries again; reads keep the last good snapshot meanwhile.
            log.LogError(e, "Benchmark board {Hash}: ranking failed", hash);
            arrived.AddRange(_arrived);
            _arrived = arrived;
            foreach (var (position, summary) in _recent) recent.TryAdd(position, summary);
            _recent = recent;
            _dirty = true;
        }
        finally
        {
            previous.Rows.Release();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The snapshots' row files close with their last lease; reads still under way keep theirs until they finish.
        _trust?.Rows.Release();
        _plain?.Rows.Release();
        return Task.CompletedTask;
    }

    private static async Task<(RankedSnapshot Trusted, RankedSnapshot? ByAccuracy, LeaderboardEntry[] Added, LeaderboardEntry[] Retiered)> RankAsync(
        string hash, RankedSnapshot previous, List<CompactRow> arrived, Dictionary<long, RecordSummary> recent, Dictionary<int, long> witnessed,
        Dictionary<long, ReproductionEvidence> evidence, bool plain, SummaryLoader loader, LedgerOptions settings)
    {
        // Each row's tier now; a row already on the board whose tier moved is marked so it is told as a `tier` change.
        var (kept, rows) = (previous.Total, new CompactRow[previous.Total + arrived.Count]);
        previous.Rows.CopyTo(0, rows.AsSpan(0, kept));
        for (var i = 0; i < kept; i++)
        {
            var tier = Standings.TierOf(rows[i], witnessed, evidence.GetValueOrDefault(rows[i].Position));
            if (tier != rows[i].Tier) rows[i] = rows[i].WithTier(tier).MarkRetiered();
        }
        for (var i = 0; i < arrived.Count; i++)
        {
            var row = arrived[i];
            var tier = Standings.TierOf(row, witnessed, evidence.GetValueOrDefault(row.Position));
            // Rows read at activation are not marked arrived: their tier then is what observers are taken to know.
            rows[kept + i] = row.Arrived || tier == row.Tier ? row.WithTier(tier) : row.WithTier(tier).MarkRetiered();
        }
        Task<RecordSummary> SummaryOf(CompactRow row) =>
            previous.Cached(row.Position) is { } cached ? Task.FromResult(cached)
            : recent.TryGetValue(row.Position, out var fresh) ? Task.FromResult(fresh)
            : loader.LoadAsync(row);
        async Task<IReadOnlyList<string>> IdsOf(IReadOnlyList<CompactRow> run) => (await Task.WhenAll(run.Select(SummaryOf))).Select(s => s.RecordId).ToList();

        var byAccuracy = plain ? (CompactRow[])rows.Clone() : null;
        var count = await CompactRowOrder.SortAsync(rows, trust: true, IdsOf);
        if (count < rows.Length) Array.Resize(ref rows, count);
        List<int> added = [], retiered = [];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            // Beyond the bound a change is cleared without a row: a live stream shows what is new, not a backlog.
            if (row.Arrived) { if (added.Count < MaxEntriesPerChange) added.Add(i); }
            else if (row.Retiered && retiered.Count < MaxEntriesPerChange) retiered.Add(i);
            if (row.Arrived || row.Retiered) rows[i] = row.ClearMarks();
        }
        var trusted = await BuildAsync(rows, trust: true, SummaryOf);
        try
        {
            async Task<LeaderboardEntry[]> EntriesOf(List<int> indexes) =>
                await Task.WhenAll(indexes.Select(async i => trusted.Entry(i, rows[i], trusted.Cached(rows[i].Position) ?? await SummaryOf(rows[i]))));
            var (addedEntries, retieredEntries) = (await EntriesOf(added), await EntriesOf(retiered));

            RankedSnapshot? accuracy = null;
            if (byAccuracy is not null)
            {
                var plainCount = await CompactRowOrder.SortAsync(byAccuracy, trust: false, IdsOf);
                if (plainCount < byAccuracy.Length) Array.Resize(ref byAccuracy, plainCount);
                for (var i = 0; i < byAccuracy.Length; i++) byAccuracy[i] = byAccuracy[i].ClearMarks();
                accuracy = await BuildAsync(byAccuracy, trust: false, row => trusted.Cached(row.Position) is { } s ? Task.FromResult(s) : SummaryOf(row));
            }
            return (trusted, accuracy, addedEntries, retieredEntries);
        }
        catch
        {
            trusted.Rows.Release();
            throw;
        }

        // The sorted rows go to memory or a file (their lease passes to the snapshot, or is given back if it is not made).
        async Task<RankedSnapshot> BuildAsync(CompactRow[] sorted, bool trust, Func<CompactRow, Task<RecordSummary>> summaryOf)
        {
            var stored = BoardRows.Of(sorted, sorted.Length, settings.BoardRowsInMemory, settings.BoardSpillDirectory);
            try { return await RankedSnapshot.BuildAsync(hash, stored, trust, witnessed, evidence, loader, summaryOf); }
            catch
            {
                stored.Release();
                throw;
            }
        }
    }

    private void Publish(int total, LeaderboardEntry[] added, LeaderboardEntry[] retiered)
    {
        var all = GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All);
        all.BoardRanked(Hash, total).Ignore();
        if (added.Length > 0) all.Publish(new BoardChange("added", added, total, Hash)).Ignore();
        if (retiered.Length > 0) all.Publish(new BoardChange("tier", retiered, total, Hash)).Ignore();
    }
}
