using LedgerCluster.Core.Leaderboards;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>A board ranked once (FORMATS.md section 5 order via <see cref="BoardRanking"/>) with each record's row, kept until the next change.</summary>
public sealed class RankedBoard
{
    private RankedBoard(LeaderboardEntry[] entries)
    {
        Entries = entries;
        RowOf = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++) RowOf[entries[i].RecordId] = i;
    }

    public LeaderboardEntry[] Entries { get; }

    /// <summary>Record id to its index in <see cref="Entries"/>.</summary>
    public Dictionary<string, int> RowOf { get; }

    public static RankedBoard Rank(IEnumerable<RecordSummary> records, Func<RecordSummary, TrustTier> tierOf,
        Func<RecordSummary, ReproductionEvidence?> evidenceOf, bool trust)
    {
        var byId = new Dictionary<string, RecordSummary>(StringComparer.Ordinal);
        var candidates = new List<BoardCandidate>();
        foreach (var r in records)
        {
            byId[r.RecordId] = r;
            var standing = RecordStanding.Of(tierOf(r), r.Contradiction);
            candidates.Add(new BoardCandidate(r.RecordId, $"{r.BenchmarkId}@{r.BenchmarkVersion}", r.Model, r.Accuracy, r.Tasks, r.Signer, standing.Tier,
                standing.Verdict));
        }
        var entries = BoardRanking.Rank(candidates, trust).Select(row =>
        {
            var record = byId[row.Entry.RecordId];
            var failure = evidenceOf(record)?.ByCluster is { Reproduced: false } failed ? failed.Detail : null;
            return new LeaderboardEntry(row.Rank, row.Tier, row.Score, row.Entry.Benchmark, row.Entry.Model, row.Entry.Accuracy,
                (int)row.Entry.Tasks, row.Entry.Signer, row.Entry.RecordId, record.Passed, failure, row.Entry.Verdict);
        }).ToArray();
        return new RankedBoard(entries);
    }
}
