using static LedgerCluster.Core.Audit.AuditFormat;

namespace LedgerCluster.Core.Audit;

/// <summary>
/// The verdict in plain words. A significant difference is only credited to the model when nothing else can
/// explain it: first truncation (the losing side hitting its token limit clearly more often), then any differing
/// setting. Differences in the model's own name/version/snapshot are what is being compared, so they do not count.
/// </summary>
internal static class VerdictWriter
{
    // "Clearly more often": at least 2 points more and at least 1.5 times the other side's rate.
    public const double MinRateGap = 0.02;
    public const double MinRateRatio = 1.5;

    public static (VerdictKind Kind, string Text) Write(PairedTable t, double p, ConfidenceInterval ci, double? mde,
        IReadOnlyList<ProtocolDifference> protocolDiff, TruncationSummary truncation, bool noSettings)
    {
        if (t.N == 0) return (VerdictKind.NoPairedItems, "No item was scored on both sides: nothing to compare.");
        var settings = protocolDiff.Where(d => !ProtocolFields.IsModelIdentity(d.Field)).ToList();
        var interval = $"95% CI {Points(ci.Lower)} to {Points(ci.Upper)}";
        if (p >= PairedStatistics.Alpha) return (VerdictKind.NoSignificantDifference, NotSignificant(t, p, interval, mde, settings, truncation));

        var (winner, loser) = t.OnlyB > t.OnlyA ? ("B", "A") : ("A", "B");
        var lead = $"{winner} is better by {Points(Math.Abs(t.Difference))} points ({P(p)})";
        var (loserRate, winnerRate) = winner == "B" ? (truncation.ARate, truncation.BRate) : (truncation.BRate, truncation.ARate);
        if (loserRate is { } lr && winnerRate is { } wr && ClearlyMore(lr, wr))
        {
            var truncated = TruncationPhrase(loser, lr, winner, wr);
            var explained = Explained(t, truncation, winner, loser);
            var text = settings.Count > 0
                ? $"{lead}, but the protocols differ in {Names(settings)} and {truncated}{explained}: the gain is likely an artifact of truncation, not the model."
                : $"{lead}, but {truncated} under the same protocol{explained}: the gain is likely an artifact of truncation, not the model; rerun both with a higher token limit.";
            return (VerdictKind.LikelyTruncationArtifact, text);
        }
        var unknown = truncation.ARate is null || truncation.BRate is null;
        if (settings.Count > 0)
        {
            var note = unknown && settings.Any(d => ProtocolFields.IsTokenLimit(d.Field)) ? "; truncation was not recorded, so it cannot be ruled out" : "";
            return (VerdictKind.SignificantButProtocolDiffers,
                $"{lead}, but the protocols differ in {Names(settings)}{note}: the difference may come from the protocol, not the model; rerun both under the same settings.");
        }
        if (unknown || noSettings) return (VerdictKind.SignificantButUnchecked, $"{lead}, but {Unchecked(unknown, noSettings)} before crediting the model.");
        return (VerdictKind.SignificantUnderIdenticalProtocols,
            $"{winner} is significantly better under identical protocols: {Points(t.Difference)} points for B - A ({P(p)}, {interval}), and truncation does not explain it.");
    }

    private static string NotSignificant(PairedTable t, double p, string interval, double? mde, List<ProtocolDifference> settings, TruncationSummary truncation)
    {
        var text = $"No significant difference: B - A = {Points(t.Difference)} points ({P(p)}, {interval})";
        if (mde is { } d)
            text += $"; with n = {t.N} and {Percent((double)t.Discordant / t.N)} discordant items, only differences of about {Number(d * 100, "0.0")} points or more are reliably detectable";
        if (settings.Count > 0) text += $". Note: the protocols differ in {Names(settings)}";
        if (truncation is { ARate: { } ra, BRate: { } rb })
        {
            if (ClearlyMore(ra, rb)) text += $". Note: {TruncationPhrase("A", ra, "B", rb)}";
            else if (ClearlyMore(rb, ra)) text += $". Note: {TruncationPhrase("B", rb, "A", ra)}";
        }
        return text + ".";
    }

    private static string Unchecked(bool truncationUnknown, bool noSettings) => (truncationUnknown, noSettings) switch
    {
        (true, true) => "neither input records its settings or truncation: check that the losing side is not cut off by a token limit",
        (false, true) => "neither input records its settings: check that both ran with the same settings",
        _ => "truncation was not recorded (no finish_reason or output_tokens): check that the losing side is not cut off by a token limit",
    };

    private static bool ClearlyMore(double rate, double other) => rate - other >= MinRateGap && rate >= MinRateRatio * other;

    private static string TruncationPhrase(string more, double moreRate, string less, double lessRate) => lessRate > 0
        ? $"{more} is truncated {Ratio(moreRate / lessRate)} more often ({Percent(moreRate)} vs {Percent(lessRate)})"
        : $"{more} is truncated on {Percent(moreRate)} of items and {less} on none";

    // How many of the winner's discordant wins are items the loser lost while truncated.
    private static string Explained(PairedTable t, TruncationSummary truncation, string winner, string loser)
    {
        var (explained, wins) = winner == "B" ? (truncation.ATruncatedWhereOnlyBRight, t.OnlyB) : (truncation.BTruncatedWhereOnlyARight, t.OnlyA);
        if (explained == 0) return "";
        return explained == wins
            ? $"; all {wins} items only {winner} got right were truncated in {loser}"
            : $"; {explained} of the {wins} items only {winner} got right were truncated in {loser}";
    }

    /// <summary>"max_tokens (300 vs 768)", "max_tokens (300 vs 768) and seed (0 vs 1)", "... and 3 more".</summary>
    private static string Names(IReadOnlyList<ProtocolDifference> settings)
    {
        var named = settings.Take(2).Select(d => $"{ProtocolFields.Leaf(d.Field)} ({Value(d.A)} vs {Value(d.B)})").ToList();
        var rest = settings.Count - named.Count;
        return rest > 0 ? $"{string.Join(", ", named)} and {rest} more" : string.Join(" and ", named);
    }
}
