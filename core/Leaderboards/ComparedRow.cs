using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// One row of a benchmark board: its place in the board's order, the <see cref="RankRange"/> its paired tests allow, and
/// the differences between its protocol and the board's most common one ("max_tokens 300 vs 768"; empty when it matches).
/// </summary>
public sealed record ComparedRow(int Rank, RankRange RankRange, BoardRecord Record, IReadOnlyList<string> ProtocolWarnings)
{
    public string RecordId => Record.RecordId;

    /// <summary>The short hash of the row's generation protocol (<see cref="GenerationProtocol.Hash"/>).</summary>
    public string Protocol => Record.Protocol.Hash;

    public TruncationRate Truncation => Record.Truncation;

    public RecordStanding Standing => Record.Standing;

    /// <summary>
    /// The row's fields as issue 15 names them: `rank`, `rank_range` [lo, hi], `protocol`, `protocol_warnings`,
    /// `truncation_rate` (null when unknown) with `truncation_method`, beside the record's identity, tier and accuracy.
    /// </summary>
    public JObject ToJson() => new()
    {
        { "rank", Rank },
        { "rank_range", new JArray(RankRange.Lo, RankRange.Hi) },
        { "record_id", RecordId },
        { "benchmark", Record.Benchmark },
        { "benchmark_hash", Record.BenchmarkContentHash },
        { "model", Record.Model },
        { "signer", Record.Signer is { } signer ? signer : JNull.Instance },
        { "tier", Standing.TierName },
        { "score", Standing.Score },
        { "verdict", Standing.Verdict is { } verdict ? verdict : JNull.Instance },
        { "accuracy", Record.Accuracy },
        { "passed", Record.Passed },
        { "scored", Record.Scored },
        { "protocol", Protocol },
        { "protocol_warnings", new JArray(ProtocolWarnings.Select(w => (JValue)w).ToList()) },
        { "truncation_rate", Truncation.Rate is { } rate ? rate : JNull.Instance },
        { "truncation_method", Truncation.MethodName },
    };
}
