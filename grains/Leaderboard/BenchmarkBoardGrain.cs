using LedgerCluster.Core.Json;
using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using Microsoft.Extensions.Logging;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// The board of one benchmark content hash (the key). Events only record what changed and mark the board dirty; a timer
/// ranks a copy on the thread pool at most every <see cref="RebuildEvery"/> (or twice the last ranking's time, whichever
/// is longer) and swaps in the new immutable snapshot, so
/// neither an event nor a read ever waits for a ranking, and reads (interleaved) cost the page they return. After each
/// swap the rows that are new or changed tier are told to the overall board, which relays them to observers: each record
/// is `added` once, and a `tier` change only when its tier did change, with its rank on this board.
/// </summary>
[GrainType("ledger-benchmark-board")]
public sealed class BenchmarkBoardGrain(ILogger<BenchmarkBoardGrain> log) : Grain, IBenchmarkBoardGrain
{
    private static readonly TimeSpan RebuildEvery = TimeSpan.FromMilliseconds(250);
    // Rankings of all boards on this silo share half the cores, so requests and ingest keep the rest.
    private static readonly SemaphoreSlim RankingSlots = new(Math.Max(1, Environment.ProcessorCount / 2));
    private const int MaxEntriesPerChange = 100;
    private readonly Dictionary<string, (RecordSummary Summary, GenerationProtocol Protocol)> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _witnessed = [];
    private readonly Dictionary<string, ReproductionEvidence> _evidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GenerationProtocol> _protocols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrustTier> _published = new(StringComparer.Ordinal);
    private readonly ItemIdInterner _ids = new();
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
        _trust = RankedSnapshot.Empty(Hash);
        var snapshot = await GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetSnapshot(Hash);
        foreach (var (shard, size) in snapshot.Witnessed) _witnessed[shard] = size;
        foreach (var (id, evidence) in snapshot.Evidence) _evidence[id] = evidence;
        Store(snapshot.Records);
        // What the board already held when it came up is not news: observers hear only what changes from here on.
        foreach (var (id, record) in _records) _published[id] = Standings.Of(record.Summary, _witnessed, _evidence.GetValueOrDefault(id)).Tier;
        _dirty = _records.Count > 0;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = RebuildEvery, Interleave = true });
    }

    public Task Add(RecordSummary[] records)
    {
        Store(records);
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

    public Task ReproductionChanged(string recordId, ReproductionEvidence evidence)
    {
        if (_evidence.TryGetValue(recordId, out var known) && known == evidence) return Task.CompletedTask;
        _evidence[recordId] = evidence;
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
        // A board reactivated (Orleans deactivates idle grains) holds its records but no ranking yet: the first read waits
        // for one rather than answering a short page.
        if (!_ranked && _records.Count > 0) await RebuildAsync();
        if (!trust && _plain is null) await FreshAsync(trust);
        return (trust ? _trust : _plain!).Page(offset, limit);
    }

    public async Task<BoardPage> GetFreshPage(bool trust)
    {
        await FreshAsync(trust);
        return (trust ? _trust : _plain ?? _trust).Page(0, int.MaxValue);
    }

    private void Store(IEnumerable<RecordSummary> records)
    {
        foreach (var record in records)
        {
            if (record.BenchmarkHash != Hash) continue;
            var settings = record.Protocol?.SettingsJson ?? "{}";
            if (!_protocols.TryGetValue(settings, out var protocol))
                _protocols[settings] = protocol = GenerationProtocol.FromValues((JObject)JsonParser.Parse(settings));
            _records[record.RecordId] = (_ids.Intern(record), protocol);
            _dirty = true;
        }
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
        // Only references are copied on the grain's turn (a few ms at 100,000 rows): standings, ranking and the diff of
        // what to publish run on the thread pool, so interleaved reads never wait behind per-row work.
        var records = _records.ToArray();
        var witnessed = new Dictionary<int, long>(_witnessed);
        var evidence = new Dictionary<string, ReproductionEvidence>(_evidence, StringComparer.Ordinal);
        var (hash, plain) = (Hash, _plainWanted);
        var started = DateTime.UtcNow;
        try
        {
            var ranked = await Task.Run(async () =>
            {
                await RankingSlots.WaitAsync();
                try
                {
                    var entrants = new BoardEntrant[records.Length];
                    for (var i = 0; i < records.Length; i++)
                    {
                        var (id, (summary, protocol)) = records[i];
                        var known = evidence.GetValueOrDefault(id);
                        entrants[i] = new BoardEntrant(summary, Standings.Of(summary, witnessed, known), known, protocol);
                    }
                    var trusted = RankedSnapshot.Build(hash, entrants, trust: true);
                    // _published is only touched by the one ranking in flight (and by activation, before any).
                    var (added, retiered) = ChangesSincePublished(trusted);
                    return (Trusted: trusted, ByAccuracy: plain ? RankedSnapshot.Build(hash, entrants, trust: false) : null, Added: added, Retiered: retiered);
                }
                finally { RankingSlots.Release(); }
            });
            (_trust, _ranked) = (ranked.Trusted, true);
            if (ranked.ByAccuracy is not null) _plain = ranked.ByAccuracy;
            Publish(ranked.Trusted.Total, ranked.Added, ranked.Retiered);
            _nextRebuild = DateTime.UtcNow + 2 * (DateTime.UtcNow - started);
        }
        catch (Exception e)
        {
            // Kept dirty: the next tick tries again; reads keep the last good snapshot meanwhile.
            log.LogError(e, "Benchmark board {Hash}: ranking failed", hash);
            _dirty = true;
        }
    }

    // Each record is told once as `added`, then only when its tier moves; bounded per notification like the old board.
    private (LeaderboardEntry[] Added, LeaderboardEntry[] Retiered) ChangesSincePublished(RankedSnapshot snapshot)
    {
        List<LeaderboardEntry> added = [], retiered = [];
        for (var i = 0; i < snapshot.Total; i++)
        {
            var line = snapshot.Line(i);
            var tier = line.Entrant.Standing.Tier;
            // Beyond the bound a change is marked told without a row: a live stream shows what is new, not a backlog.
            if (!_published.TryGetValue(line.Entrant.RecordId, out var was))
            {
                if (added.Count < MaxEntriesPerChange) added.Add(snapshot.Entry(i));
            }
            else if (was != tier)
            {
                if (retiered.Count < MaxEntriesPerChange) retiered.Add(snapshot.Entry(i));
            }
            else continue;
            _published[line.Entrant.RecordId] = tier;
        }
        return ([.. added], [.. retiered]);
    }

    private void Publish(int total, LeaderboardEntry[] added, LeaderboardEntry[] retiered)
    {
        var all = GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All);
        all.BoardRanked(Hash, total).Ignore();
        if (added.Length > 0) all.Publish(new BoardChange("added", added, total, Hash)).Ignore();
        if (retiered.Length > 0) all.Publish(new BoardChange("tier", retiered, total, Hash)).Ignore();
    }
}
