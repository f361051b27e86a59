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
}
