using LedgerCluster.Core.Audit;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>The 95% Wilson interval of a board row's accuracy (passed of tasks), as the page draws it.</summary>
public static class WilsonInterval
{
    public static ConfidenceInterval Of(int passed, int tasks) => PairedStatistics.Wilson(Math.Clamp(passed, 0, Math.Max(tasks, 0)), Math.Max(tasks, 0));
}
