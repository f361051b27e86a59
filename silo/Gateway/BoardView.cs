using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>A page of the board as read: its rows (groups in view order), the total of the view, and the groups the rows are on.</summary>
public sealed record BoardView(LeaderboardEntry[] Entries, int Total, BoardGroup[] Groups);
