using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// The trust leaderboard. Shards send it the summaries of each committed batch and their witnessed sizes; on
/// activation it rebuilds from the log itself, so it never disagrees with what is logged.
/// </summary>
[GrainType("ledger-leaderboard")]
public sealed class LeaderboardGrain(ILogStore store, IOptions<LedgerOptions> options) : Grain, ILeaderboardGrain
{
    private const int ReadPage = 2048;
    private readonly Dictionary<string, RecordSummary> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _witnessed = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
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
    }

    public Task Add(RecordSummary[] records)
    {
        foreach (var record in records) _records[record.RecordId] = record;
        return Task.CompletedTask;
    }

    public Task ShardWitnessed(int shard, long witnessedSize)
    {
        // Events may arrive out of order; a witnessed size never shrinks.
        if (!_witnessed.TryGetValue(shard, out var known) || witnessedSize > known) _witnessed[shard] = witnessedSize;
        return Task.CompletedTask;
    }

    public Task<LeaderboardEntry[]> GetEntries(string? benchmark)
    {
        var candidates = _records.Values
            .Where(r => benchmark is null || r.BenchmarkId == benchmark)
            .Select(r => new BoardCandidate(r.RecordId, $"{r.BenchmarkId}@{r.BenchmarkVersion}", r.Model, r.Accuracy, r.Tasks, r.Signer, TierOf(r)));
        var rows = BoardRanking.Rank(candidates)
            .Select(row => new LeaderboardEntry(row.Rank, row.Tier, row.Score, row.Entry.Benchmark, row.Entry.Model, row.Entry.Accuracy,
                (int)row.Entry.Tasks, row.Entry.Signer, row.Entry.RecordId))
            .ToArray();
        return Task.FromResult(rows);
    }

    // Every record here passed the gateway's integrity and signature checks.
    private TrustTier TierOf(RecordSummary record) => TrustTiers.Of(new TrustEvidence(
        IntegrityHolds: true,
        SignatureHolds: true,
        InQuorumCheckpoint: record.Position is { } p && p.Index < _witnessed.GetValueOrDefault(p.Shard)));
}
