namespace LedgerCluster.GrainInterfaces;

public static class LeaderboardKeys
{
    /// <summary>The board over every benchmark.</summary>
    public const string All = "all";
}
