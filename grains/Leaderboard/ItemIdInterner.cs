using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Leaderboard;

/// <summary>
/// Shares one item-id array between the summaries of records over the same items: a board of 100,000 GSM8K runs holds
/// the 1,319 ids once, and each row only its bits. Records in the same order share; an unusual order keeps its own copy.
/// Safe to share between a board's turn and the ranking or page read it runs on the thread pool.
/// </summary>
public sealed class ItemIdInterner
{
    private readonly Dictionary<string, List<string[]>> _byHash = new(StringComparer.Ordinal);

    public RecordSummary Intern(RecordSummary summary)
    {
        if (summary.Outcomes is not { } outcomes) return summary;
        lock (_byHash) return Intern(summary, outcomes);
    }

    private RecordSummary Intern(RecordSummary summary, ItemOutcomes outcomes)
    {
        if (!_byHash.TryGetValue(summary.BenchmarkHash, out var known)) _byHash[summary.BenchmarkHash] = known = [];
        foreach (var ids in known)
        {
            if (ReferenceEquals(ids, outcomes.Ids)) return summary;
            if (ids.AsSpan().SequenceEqual(outcomes.Ids)) return summary with { Outcomes = outcomes with { Ids = ids } };
        }
        // A few layouts per benchmark at most in practice; past that, keep each record's own ids rather than search longer.
        if (known.Count < 8) known.Add(outcomes.Ids);
        return summary;
    }
}
