namespace LedgerCluster.Core.Scoring;

/// <summary>The scorer registry: ids are pinned in records, so the set is closed and each id means one behaviour.</summary>
public static class Scorers
{
    private static readonly IReadOnlyDictionary<string, IScorer> ById = new IScorer[]
    {
        new ExactMatchScorer(), new RegexMatchScorer(), new NumericScorer(), new Gsm8kScorer(),
    }.ToDictionary(s => s.Id, StringComparer.Ordinal);

    /// <summary>The known ids, sorted.</summary>
    public static IReadOnlyList<string> KnownIds { get; } = ById.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    /// <summary>The scorer for <paramref name="id"/>; an unknown id is an <see cref="ArgumentException"/> listing the known ones.</summary>
    public static IScorer Get(string id) =>
        ById.TryGetValue(id, out var scorer)
            ? scorer
            : throw new ArgumentException($"unknown scorer \"{id}\" (known: {string.Join(", ", KnownIds)})", nameof(id));
}
