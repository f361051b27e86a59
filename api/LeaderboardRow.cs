using LedgerCluster.Core.Leaderboards;

namespace LedgerCluster.Api;

/// <summary>
/// A board row, the one shape of `GET /v1/leaderboard`, its event stream and `ledger leaderboard --format json` (offline
/// too): FORMATS.md section 6's `{rank, tier, score, benchmark, model, accuracy, tasks, signer, record_id}` plus `passed`,
/// the 95% Wilson interval `[low, high]`, `reproduction_failed` (what differed when the cluster's re-run did not
/// reproduce the record; always null offline, where nothing is re-run) and `verdict` (why the row is self-reported, or null).
/// </summary>
public sealed record LeaderboardRow(int Rank, string Tier, double Score, string Benchmark, string Model, double Accuracy, int Tasks,
    string? Signer, string RecordId, int Passed, double[] Wilson, string? ReproductionFailed, string? Verdict)
{
    public static LeaderboardRow Of(int rank, string tier, double score, string benchmark, string model, double accuracy, int tasks,
        string? signer, string recordId, int passed, string? reproductionFailed, string? verdict)
    {
        var interval = WilsonInterval.Of(passed, tasks);
        return new(rank, tier, score, benchmark, model, accuracy, tasks, signer, recordId, passed,
            [Math.Round(interval.Lower, 4), Math.Round(interval.Upper, 4)], reproductionFailed, verdict);
    }

    /// <summary>A row ranked offline (`ledger leaderboard --records`), with the record's passed count.</summary>
    public static LeaderboardRow Of(BoardRow row, int passed) => Of(row.Rank, row.Tier, row.Score, row.Entry.Benchmark, row.Entry.Model,
        row.Entry.Accuracy, (int)row.Entry.Tasks, row.Entry.Signer, row.Entry.RecordId, passed, null, row.Entry.Verdict);
}
