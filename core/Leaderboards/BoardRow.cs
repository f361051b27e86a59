using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>One ranked row: its rank and the candidate with its tier (served as LedgerCluster.Api's LeaderboardRow).</summary>
public sealed record BoardRow(int Rank, BoardCandidate Entry)
{
    public string Tier => TrustTiers.Name(Entry.Tier);
    public double Score => TrustTiers.Score(Entry.Tier);
}
