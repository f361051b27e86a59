using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>A board grain's entry and group as the contract's <see cref="LeaderboardRow"/> and <see cref="LeaderboardGroup"/>.</summary>
public static class LeaderboardRows
{
    extension(LeaderboardRow)
    {
        public static LeaderboardRow From(LeaderboardEntry e) =>
            LeaderboardRow.Of(e.Rank, e.Tier, e.Score, e.Benchmark, e.Model, e.Accuracy, e.Tasks, e.Signer, e.RecordId, e.Passed, e.ReproductionFailure, e.Verdict,
                e.RankRange, e.BenchmarkHash, e.Protocol, e.ProtocolWarnings, e.TruncationRate, e.TruncationMethod, e.TruncationWarning);
    }

    extension(LeaderboardGroup)
    {
        public static LeaderboardGroup From(BoardGroup g) => new(g.Benchmark, g.BenchmarkHash, g.Total, g.TopRecordId, g.TestedRows, g.CommonProtocol,
            new LeaderboardPower(g.PowerItems, g.Discordance is { } d ? Math.Round(d, 4) : null, g.MinDetectableDifference is { } m ? Math.Round(m, 4) : null));
    }
}
