namespace LedgerCluster.Core.Audit;

/// <summary>
/// How often each side stopped at its token limit, over the paired items whose truncation is known: finish_reason
/// "length", or (without a finish reason) output_tokens ≥ the token limit. Rates are null when unknown.
/// Also counts the discordant items that truncation can explain: those one side lost while it was truncated.
/// </summary>
public sealed record TruncationSummary(
    int ATruncated, int AKnown, int BTruncated, int BKnown, long? ATokenLimit, long? BTokenLimit,
    int ATruncatedWhereOnlyBRight, int BTruncatedWhereOnlyARight)
{
    public double? ARate => AKnown == 0 ? null : (double)ATruncated / AKnown;
    public double? BRate => BKnown == 0 ? null : (double)BTruncated / BKnown;

    /// <summary>True, false, or null when the item carries no finish reason and no usable token count.</summary>
    public static bool? IsTruncated(PairedItem item, long? tokenLimit) =>
        item.FinishReason is { } reason ? reason == PairedItem.TruncatedFinishReason
        : item.OutputTokens is { } tokens && tokenLimit is { } limit ? tokens >= limit
        : null;

    internal static TruncationSummary Of(IReadOnlyList<PairedOutcome> pairs, long? limitA, long? limitB)
    {
        var a = pairs.Select(p => IsTruncated(p.A, limitA)).ToList();
        var b = pairs.Select(p => IsTruncated(p.B, limitB)).ToList();
        return new TruncationSummary(
            a.Count(t => t == true), a.Count(t => t is not null), b.Count(t => t == true), b.Count(t => t is not null), limitA, limitB,
            pairs.Where((p, i) => !p.ACorrect && p.BCorrect && a[i] == true).Count(),
            pairs.Where((p, i) => p.ACorrect && !p.BCorrect && b[i] == true).Count());
    }
}
