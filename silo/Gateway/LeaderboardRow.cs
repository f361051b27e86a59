using LedgerCluster.Core.Leaderboards;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// A board row on the wire: FORMATS.md section 6's `{rank, tier, score, benchmark, model, accuracy, tasks, signer,
/// record_id}` plus `passed`, the 95% Wilson interval `[low, high]`, `reproduction_failed` (what differed, or null) and
/// `verdict` (why the row is self-reported, or null).
/// </summary>
public sealed record LeaderboardRow(int Rank, string Tier, double Score, string Benchmark, string Model, double Accuracy, int Tasks,
    string? Signer, string RecordId, int Passed, double[] Wilson, string? ReproductionFailed, string? Verdict)
{
    public static LeaderboardRow From(LeaderboardEntry e)
    {
        var interval = WilsonInterval.Of(e.Passed, e.Tasks);
        return new(e.Rank, e.Tier, e.Score, e.Benchmark, e.Model, e.Accuracy, e.Tasks, e.Signer, e.RecordId, e.Passed,
            [Math.Round(interval.Lower, 4), Math.Round(interval.Upper, 4)], e.ReproductionFailure, e.Verdict);
    }
}
