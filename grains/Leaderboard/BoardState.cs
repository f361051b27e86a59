using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// What the "all" board persists: the reproduction evidence record grains told it (everything else it rebuilds
/// from the log), so a rebuilt board does not have to ask every record again.
/// </summary>
[GenerateSerializer, Alias("ledger.BoardState")]
public sealed class BoardState
{
    [Id(0)] public Dictionary<string, ReproductionEvidence> Evidence { get; set; } = new(StringComparer.Ordinal);
}
