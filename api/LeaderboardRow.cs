using LedgerCluster.Core.Leaderboards;

namespace LedgerCluster.Api;

/// <summary>
/// A board row, the one shape of `GET /v1/leaderboard`, its event stream and `ledger leaderboard --format json` (offline
/// too): FORMATS.md section 6's `{rank, tier, score, benchmark, model, accuracy, tasks, signer, record_id}` plus `passed`,
/// the 95% Wilson interval `[low, high]`, `reproduction_failed` (what differed when the cluster's re-run did not
/// reproduce the record; always null offline, where nothing is re-run) and `verdict` (why the row is self-reported, or null).
/// Issue 15's comparison: `rank` is the place on the row's benchmark board (content hash `benchmark_hash`; groups rank on
/// their own), `rank_range` [lo, hi] the ranks the paired tests allow (null beyond the board's tested rows), `protocol` the
/// short hash of the generation settings and `protocol_warnings` each difference from the board's most common protocol
/// ("max_tokens 300 vs 768"), `truncation_rate` (null when unknown) found by `truncation_method`, and `truncation_warning`
/// when it differs from the #1 row's.
/// </summary>
public sealed record LeaderboardRow(int Rank, string Tier, double Score, string Benchmark, string Model, double Accuracy, int Tasks,
    string? Signer, string RecordId, int Passed, double[] Wilson, string? ReproductionFailed, string? Verdict,
    int[]? RankRange = null, string BenchmarkHash = "", string Protocol = "", string[]? ProtocolWarnings = null, double? TruncationRate = null,
    string TruncationMethod = "not_recorded", string? TruncationWarning = null)
{
    public static LeaderboardRow Of(int rank, string tier, double score, string benchmark, string model, double accuracy, int tasks,
        string? signer, string recordId, int passed, string? reproductionFailed, string? verdict, int[]? rankRange = null, string benchmarkHash = "",
        string protocol = "", string[]? protocolWarnings = null, double? truncationRate = null, string truncationMethod = "not_recorded",
        string? truncationWarning = null)
    {
        var interval = WilsonInterval.Of(passed, tasks);
        return new(rank, tier, score, benchmark, model, accuracy, tasks, signer, recordId, passed,
            [Math.Round(interval.Lower, 4), Math.Round(interval.Upper, 4)], reproductionFailed, verdict, rankRange, benchmarkHash, protocol,
            protocolWarnings ?? [], truncationRate is { } rate ? Math.Round(rate, 4) : null, truncationMethod, truncationWarning);
    }

    /// <summary>A row ranked offline (`ledger leaderboard --records`) on its benchmark board.</summary>
    public static LeaderboardRow Of(BoardLine<BoardRecord> line, int passed, int tasks)
    {
        var (record, standing) = (line.Entrant, line.Entrant.Standing);
        return Of(line.Rank, standing.TierName, standing.Score, record.Benchmark, record.Model, record.ClaimedAccuracy, tasks, record.Signer,
            record.RecordId, passed, null, standing.Verdict, line.RankRange is { } range ? [range.Lo, range.Hi] : null, record.BenchmarkContentHash,
            record.Protocol.Hash, [.. line.ProtocolWarnings], record.Truncation.Rate, record.Truncation.MethodName, line.TruncationWarning);
    }

    /// <summary>"1-3", or "2" when the tests set the row apart; "" beyond the tested rows.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string RankRangeText => RankRange is [var lo, var hi] ? new RankRange(lo, hi).ToString() : "";
}
