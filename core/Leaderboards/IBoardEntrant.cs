namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// A row as a <see cref="BoundedBoard{T}"/> orders it: what the order needs (standing, accuracy over scored items, id),
/// what every row shows (protocol, truncation), and its full <see cref="BoardRecord"/> with items, built only for the rows
/// that enter the paired tests, so a board of 100,000 rows never holds 100,000 item lists.
/// </summary>
public interface IBoardEntrant
{
    string RecordId { get; }

    RecordStanding Standing { get; }

    /// <summary>As <see cref="BoardRecord.Accuracy"/>: over the scored items, the claim when none is scored.</summary>
    double Accuracy { get; }

    GenerationProtocol Protocol { get; }

    TruncationRate Truncation { get; }

    BoardRecord ToBoardRecord();
}
