using LedgerCluster.Core.Audit;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// One pair of rows on a board, tested on the items both scored: <see cref="Table"/> has A = <see cref="RecordA"/>
/// (McNemar's b = only A right, c = only B right), the exact McNemar p and the mid-p beside it, and the exact p after
/// Holm's correction across the board's pairs. <see cref="Significant"/> uses the Holm-adjusted exact p.
/// <see cref="TruncationDiffers"/>: both rows' truncation is known and their 95% Wilson intervals do not overlap.
/// </summary>
public sealed record PairComparison(
    string RecordA,
    string RecordB,
    PairedTable Table,
    double ExactP,
    double MidP,
    double HolmP,
    bool Significant,
    bool TruncationDiffers)
{
    /// <summary>The record id of the significantly better side, or null when the test does not separate them.</summary>
    public string? Better => !Significant ? null : Table.OnlyA > Table.OnlyB ? RecordA : RecordB;

    public bool Involves(string recordId) => RecordA == recordId || RecordB == recordId;
}
