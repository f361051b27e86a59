namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// Ranks results. The trust ranking of FORMATS.md section 5 sorts by tier, then accuracy, then record id,
/// so evidence beats a higher self-reported number; the plain ranking ignores tiers.
/// </summary>
public static class BoardRanking
{
    public static IReadOnlyList<BoardRow> Rank(IEnumerable<BoardCandidate> candidates, bool trust = true)
    {
        var ordered = trust
            ? candidates.OrderByDescending(c => c.Tier).ThenByDescending(c => c.Accuracy)
            : candidates.OrderByDescending(c => c.Accuracy);
        return ordered.ThenBy(c => c.RecordId, StringComparer.Ordinal).Select((c, i) => new BoardRow(i + 1, c)).ToList();
    }
}
