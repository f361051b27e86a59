namespace LedgerCluster.Core.Audit;

/// <summary>Pairs items by id. An item counts only when both sides have it and both say whether it was correct.</summary>
internal static class Pairing
{
    public static (List<PairedOutcome> Pairs, UnpairedReport Unpaired) Of(PairedInput a, PairedInput b)
    {
        var byIdA = Index(a, "A");
        var byIdB = Index(b, "B");
        var pairs = a.Items
            .Where(i => i.Correct is not null && byIdB.TryGetValue(i.Id, out var other) && other.Correct is not null)
            .Select(i => new PairedOutcome(i, byIdB[i.Id]))
            .ToList();
        var unpaired = new UnpairedReport(
            IdSample.Of(a.Items.Where(i => !byIdB.ContainsKey(i.Id)).Select(i => i.Id).ToList()),
            IdSample.Of(b.Items.Where(i => !byIdA.ContainsKey(i.Id)).Select(i => i.Id).ToList()),
            IdSample.Of(a.Items.Where(i => i.Correct is null).Select(i => i.Id).ToList()),
            IdSample.Of(b.Items.Where(i => i.Correct is null).Select(i => i.Id).ToList()));
        return (pairs, unpaired);
    }

    // A repeated id would make the pairing ambiguous; refuse rather than guess.
    private static Dictionary<string, PairedItem> Index(PairedInput input, string side)
    {
        var byId = new Dictionary<string, PairedItem>(input.Items.Count, StringComparer.Ordinal);
        foreach (var item in input.Items)
            if (!byId.TryAdd(item.Id, item))
                throw new AuditInputException($"{side} ({input.Source}): item id \"{item.Id}\" appears more than once");
        return byId;
    }
}
