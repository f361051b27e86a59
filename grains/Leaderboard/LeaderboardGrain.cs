using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// A trust leaderboard. The "all" board hears shards (each committed batch, witnessed sizes) and record grains
/// (reproduction evidence), forwards each event to the benchmark's own board, has the shards' reproduction queues take
/// records up again when a benchmark is registered, and pushes every change to its observers. On activation "all" rebuilds from the log itself (so it
/// never disagrees with what is logged) and a benchmark board starts from the "all" board's snapshot.
/// Observers hear the changes coalesced a few times a second, so a busy log costs one re-ranking per notification,
/// not one per committed batch.
/// </summary>
[GrainType("ledger-leaderboard")]
public sealed class LeaderboardGrain(
    [PersistentState("board", StorageNames.Ledger)] IPersistentState<BoardState> state,
    ILogStore store, IOptions<LedgerOptions> options, ILogger<LeaderboardGrain> log) : Grain, ILeaderboardGrain
{
    private const int ReadPage = 2048;
    private const int MaxEntriesPerChange = 100;
    private static readonly TimeSpan NotifyEvery = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, RecordSummary> _records = new(StringComparer.Ordinal);
    private readonly HashSet<string> _benchmarkIds = new(StringComparer.Ordinal);
    // What changed since observers were last told (bounded: observers get at most MaxEntriesPerChange rows per kind).
    private readonly HashSet<string> _added = new(StringComparer.Ordinal), _retiered = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (long From, long To)> _witnessedRanges = [];
    private readonly Dictionary<int, long> _witnessed = [];
    private readonly ObserverManager<ILeaderboardObserver> _observers = new(LeaderboardKeys.SubscriptionLifetime, log);
    private Dictionary<string, ReproductionEvidence> _evidence = new(StringComparer.Ordinal);
    private RankedBoard? _trustRanked, _plainRanked;
    private bool _evidenceDirty;

    private bool IsAll => this.GetPrimaryKeyString() == LeaderboardKeys.All;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!IsAll)
        {
            var snapshot = await GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetSnapshot(this.GetPrimaryKeyString()[LeaderboardKeys.BenchmarkPrefix.Length..]);
            foreach (var record in snapshot.Records) _records[record.RecordId] = record;
            foreach (var (shard, size) in snapshot.Witnessed) _witnessed[shard] = size;
            _evidence = new(snapshot.Evidence, StringComparer.Ordinal);
            this.RegisterGrainTimer(NotifyAsync, NotifyEvery, NotifyEvery);
            return;
        }
        _evidence = state.State.Evidence;
        for (var shard = 0; shard < options.Value.ShardCount; shard++)
        {
            _witnessed[shard] = (await GrainFactory.GetGrain<ILogShardGrain>(shard).GetInfo()).WitnessedSize;
            for (long from = 0; ; from += ReadPage)
            {
                var page = await store.ReadEntriesAsync(shard, from, ReadPage, cancellationToken);
                foreach (var entry in page)
                    _records[entry.RecordId] = RecordSummaries.From(RunRecord.Parse(entry.Json)) with { Position = new LogPosition(shard, entry.Index) };
                if (page.Count < ReadPage) break;
            }
        }
        _benchmarkIds.UnionWith(_records.Values.Select(r => r.BenchmarkId));
        // Re-runs that never reached the persisted evidence (or records logged before reproduction existed) are asked for again:
        // each shard's reproduction queue takes its log again and re-announces outcomes it already has.
        if (_records.Values.Any(r => IsReproducible(r) && !_evidence.ContainsKey(r.RecordId))) RescanReproduction();
        this.RegisterGrainTimer(PersistEvidenceAsync, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        this.RegisterGrainTimer(NotifyAsync, NotifyEvery, NotifyEvery);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => PersistEvidenceAsync(cancellationToken);

    public Task Add(RecordSummary[] records)
    {
        foreach (var record in records) _records[record.RecordId] = record;
        if (IsAll)
        {
            foreach (var record in records) _benchmarkIds.Add(record.BenchmarkId);
            foreach (var group in records.GroupBy(r => r.BenchmarkId, StringComparer.Ordinal))
                GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.ForBenchmark(group.Key)).Add([.. group]).Ignore();
        }
        Changed(_added, records.Select(r => r.RecordId));
        return Task.CompletedTask;
    }

    public Task BenchmarkRegistered(string benchmarkId)
    {
        // Always: a record of it may be logged and skipped by its queue before this board heard of the record.
        if (IsAll) RescanReproduction();
        return Task.CompletedTask;
    }

    public Task ShardWitnessed(int shard, long witnessedSize)
    {
        // Events may arrive out of order; a witnessed size never shrinks.
        var known = _witnessed.GetValueOrDefault(shard);
        if (witnessedSize <= known) return Task.CompletedTask;
        _witnessed[shard] = witnessedSize;
        if (IsAll)
            foreach (var benchmark in _benchmarkIds)
                GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.ForBenchmark(benchmark)).ShardWitnessed(shard, witnessedSize).Ignore();
        Invalidate();
        // The records that moved are found once per notification, not once per event.
        if (_observers.Count > 0)
            _witnessedRanges[shard] = _witnessedRanges.TryGetValue(shard, out var range) ? (Math.Min(range.From, known), witnessedSize) : (known, witnessedSize);
        return Task.CompletedTask;
    }

    public Task ReproductionChanged(string recordId, ReproductionEvidence evidence)
    {
        if (_evidence.TryGetValue(recordId, out var known) && known == evidence) return Task.CompletedTask;
        _evidence[recordId] = evidence;
        _evidenceDirty = true;
        if (IsAll && _records.TryGetValue(recordId, out var record))
            GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.ForBenchmark(record.BenchmarkId)).ReproductionChanged(recordId, evidence).Ignore();
        Changed(_retiered, [recordId]);
        return Task.CompletedTask;
    }

    public Task<LeaderboardEntry[]> GetEntries(string? benchmark) =>
        Task.FromResult(Ranked(trust: true).Entries.Where(e => benchmark is null || BenchmarkIdOf(e) == benchmark)
            .Select((e, i) => benchmark is null ? e : e with { Rank = i + 1 }).ToArray());

    public Task<BoardPage> GetPage(int offset, int limit, bool trust)
    {
        var ranked = Ranked(trust).Entries;
        var start = Math.Clamp(offset, 0, ranked.Length);
        var end = (int)Math.Min(ranked.Length, (long)start + Math.Max(0, limit));
        return Task.FromResult(new BoardPage(ranked[start..end], ranked.Length));
    }

    public Task<KeyValuePair<string, int>[]> GetBenchmarks() => Task.FromResult(_records.Values
        .GroupBy(r => r.BenchmarkId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => KeyValuePair.Create(g.Key, g.Count())).ToArray());

    public Task<BoardSnapshot> GetSnapshot(string benchmark)
    {
        var records = _records.Values.Where(r => r.BenchmarkId == benchmark).ToArray();
        var evidence = records.Where(r => _evidence.ContainsKey(r.RecordId)).ToDictionary(r => r.RecordId, r => _evidence[r.RecordId], StringComparer.Ordinal);
        return Task.FromResult(new BoardSnapshot(records, new Dictionary<int, long>(_witnessed), evidence));
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

    private void Invalidate() => (_trustRanked, _plainRanked) = (null, null);

    private void Changed(HashSet<string> pending, IEnumerable<string> recordIds)
    {
        Invalidate();
        if (_observers.Count == 0) return;
        foreach (var id in recordIds)
        {
            if (pending.Count >= MaxEntriesPerChange) break;
            pending.Add(id);
        }
    }

    private Task NotifyAsync(CancellationToken cancel)
    {
        foreach (var (shard, (from, to)) in _witnessedRanges)
            _retiered.UnionWith(_records.Values.Where(r => r.Position is { } p && p.Shard == shard && p.Index >= from && p.Index < to)
                .Select(r => r.RecordId).Take(MaxEntriesPerChange - _retiered.Count));
        _witnessedRanges.Clear();
        if (_observers.Count > 0 && (_added.Count > 0 || _retiered.Count > 0))
        {
            var board = Ranked(trust: true);
            foreach (var (kind, ids) in new[] { ("added", _added), ("tier", _retiered) })
            {
                var rows = ids.Where(board.RowOf.ContainsKey).Select(id => board.Entries[board.RowOf[id]]).ToArray();
                if (rows.Length == 0) continue;
                var change = new BoardChange(kind, rows, board.Entries.Length);
                _observers.Notify(o => o.OnChanged(change));
            }
        }
        _added.Clear();
        _retiered.Clear();
        return Task.CompletedTask;
    }

    private RankedBoard Ranked(bool trust)
    {
        ref var cached = ref trust ? ref _trustRanked : ref _plainRanked;
        return cached ??= RankedBoard.Rank(_records.Values, TierOf, r => _evidence.GetValueOrDefault(r.RecordId), trust);
    }

    // Only deterministic models (provider `mock`: echo and fixtures) can be re-run by the cluster.
    private static bool IsReproducible(RecordSummary record) => record.Model.StartsWith("mock:", StringComparison.Ordinal);

    private void RescanReproduction()
    {
        for (var shard = 0; shard < options.Value.ShardCount; shard++) GrainFactory.GetGrain<IReproductionQueueGrain>(shard).Rescan().Ignore();
    }

    private async Task PersistEvidenceAsync(CancellationToken cancel)
    {
        if (!IsAll || !_evidenceDirty) return;
        state.State.Evidence = _evidence;
        await state.WriteStateAsync(cancel);
        // Only once durable: a failed write is tried again on the next tick.
        _evidenceDirty = false;
    }

    // Every record here passed the gateway's integrity and signature checks; one whose aggregate its results contradict is self-reported.
    private TrustTier TierOf(RecordSummary record)
    {
        var evidence = _evidence.GetValueOrDefault(record.RecordId);
        return TrustTiers.Of(new TrustEvidence(
            IntegrityHolds: true,
            SignatureHolds: true,
            InQuorumCheckpoint: record.Position is { } p && p.Index < _witnessed.GetValueOrDefault(p.Shard),
            ReproducedByCluster: evidence?.ByCluster?.Reproduced == true,
            ReproducedAttestationQuorum: evidence?.AttestationQuorum == true,
            ReproductionFailed: evidence?.ByCluster?.Reproduced == false,
            SelfConsistent: record.Contradiction is null));
    }

    private static string BenchmarkIdOf(LeaderboardEntry entry) => entry.Benchmark[..entry.Benchmark.LastIndexOf('@')];
}
