namespace LedgerCluster.Core.Contamination;

/// <summary>One item's hits in one training document: which of its n-grams, and the text range [Start, End) they cover.</summary>
internal sealed class ItemHits
{
    public HashSet<int> Grams { get; } = [];
    public int Start { get; set; } = int.MaxValue;
    public int End { get; set; }
}
