namespace LedgerCluster.Core.Audit;

/// <summary>How many items fell in a group, with the first few ids as examples.</summary>
public sealed record IdSample(int Count, IReadOnlyList<string> Examples)
{
    public const int MaxExamples = 5;

    public static IdSample Of(IReadOnlyCollection<string> ids) => new(ids.Count, ids.Take(MaxExamples).ToList());
}
