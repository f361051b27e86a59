using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// The trust leaderboard. Shards send it the summaries of each committed batch; on activation it rebuilds
/// from the log itself, so it never disagrees with what is logged.
/// </summary>
[GrainType("ledger-leaderboard")]
public sealed class LeaderboardGrain(ILogStore store, IOptions<LedgerOptions> options) : Grain, ILeaderboardGrain
{
    private const int ReadPage = 2048;
    private readonly Dictionary<string, RecordSummary> _records = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < options.Value.ShardCount; shard++)
        {
            for (long from = 0; ; from += ReadPage)
            {
                var page = await store.ReadEntriesAsync(shard, from, ReadPage, cancellationToken);
                foreach (var entry in page) _records[entry.RecordId] = RecordSummaries.From(RunRecord.Parse(entry.Json));
                if (page.Count < ReadPage) break;
            }
        }
    }

    public Task Add(RecordSummary[] records)
    {
        foreach (var record in records) _records[record.RecordId] = record;
        return Task.CompletedTask;
    }

    public Task<LeaderboardEntry[]> GetEntries(string? benchmark)
    {
        // Every logged record is under a signed checkpoint; with no witness policy configured that makes it verified.
        var candidates = _records.Values
            .Where(r => benchmark is null || r.BenchmarkId == benchmark)
            .Select(r => new BoardCandidate(r.RecordId, $"{r.BenchmarkId}@{r.BenchmarkVersion}", r.Model, r.Accuracy, r.Tasks, r.Signer, TrustTier.Verified));
        var rows = BoardRanking.Rank(candidates)
            .Select(row => new LeaderboardEntry(row.Rank, row.Tier, row.Score, row.Entry.Benchmark, row.Entry.Model, row.Entry.Accuracy,
                (int)row.Entry.Tasks, row.Entry.Signer, row.Entry.RecordId))
            .ToArray();
        return Task.FromResult(rows);
    }
}
