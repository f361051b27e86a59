using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>A board grain's entry as the contract's <see cref="LeaderboardRow"/>.</summary>
public static class LeaderboardRows
{
    extension(LeaderboardRow)
    {
        public static LeaderboardRow From(LeaderboardEntry e) =>
            LeaderboardRow.Of(e.Rank, e.Tier, e.Score, e.Benchmark, e.Model, e.Accuracy, e.Tasks, e.Signer, e.RecordId, e.Passed, e.ReproductionFailure, e.Verdict);
    }
}
