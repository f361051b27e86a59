namespace LedgerCluster.Core.Contamination;

/// <summary>
/// Where an item best matched: the training document with the most of its n-grams, from the line of the first
/// matched n-gram to the line of the last, and the matched text (original text when normalization kept offsets,
/// else normalized).
/// </summary>
public sealed record MatchSpan(long StartLine, long EndLine, int MatchedInDocument, string Excerpt);
