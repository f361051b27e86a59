namespace LedgerCluster.GrainInterfaces;

public static class LeaderboardKeys
{
    /// <summary>The overall board (<see cref="ILeaderboardGrain"/>); benchmark boards are keyed by content hash (64 hex digits), so none can be named "all".</summary>
    public const string All = "all";

    /// <summary>How long a board keeps an observer that does not renew its subscription.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);
}
