namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// Holm's step-down correction (Holm 1979): controls the chance of any false "significant" across all of a board's
/// pairs, and is uniformly more powerful than Bonferroni. Sort the m p-values ascending; the i-th smallest (from 1)
/// becomes min(1, max over j ≤ i of (m − j + 1) p(j)): the running maximum keeps the adjusted values in the same order
/// as the raw ones, so rejecting "adjusted ≤ α" is exactly Holm's stop-at-the-first-acceptance rule.
/// </summary>
public static class HolmCorrection
{
    /// <summary>The adjusted p-values, in the order given.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var runningMax = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            runningMax = Math.Max(runningMax, Math.Min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = runningMax;
        }
        return adjusted;
    }
}
