using LedgerCluster.Core.Audit;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// How often a run stopped at its token limit, over the items whose truncation is known (the rule of
/// <see cref="TruncationSummary.IsTruncated"/>: finish reason "length", else output tokens ≥ the limit).
/// <see cref="Rate"/> is null when no item says.
/// </summary>
public sealed record TruncationRate(int Truncated, int Known, int Items, TruncationMethod Method)
{
    public double? Rate => Known == 0 ? null : (double)Truncated / Known;

    /// <summary>The method's wire name: `finish_reason`, `token_cap`, `finish_reason+token_cap`, `not_recorded`.</summary>
    public string MethodName => Method switch
    {
        TruncationMethod.FinishReason => "finish_reason",
        TruncationMethod.TokenCap => "token_cap",
        TruncationMethod.FinishReasonAndTokenCap => "finish_reason+token_cap",
        _ => "not_recorded",
    };

    /// <summary>Both rates are known and their 95% Wilson intervals do not overlap: the runs were cut off at different rates.</summary>
    public bool DiffersFrom(TruncationRate other)
    {
        if (Known == 0 || other.Known == 0) return false;
        var (a, b) = (PairedStatistics.Wilson(Truncated, Known), PairedStatistics.Wilson(other.Truncated, other.Known));
        return a.Upper < b.Lower || b.Upper < a.Lower;
    }

    public static TruncationRate Of(IReadOnlyList<PairedItem> items, long? tokenLimit)
    {
        int truncated = 0, known = 0, byReason = 0, byCap = 0;
        foreach (var item in items)
        {
            if (TruncationSummary.IsTruncated(item, tokenLimit) is not { } cut) continue;
            known++;
            if (cut) truncated++;
            if (item.FinishReason is not null) byReason++; else byCap++;
        }
        var method = (byReason > 0, byCap > 0) switch
        {
            (true, true) => TruncationMethod.FinishReasonAndTokenCap,
            (true, false) => TruncationMethod.FinishReason,
            (false, true) => TruncationMethod.TokenCap,
            _ => TruncationMethod.NotRecorded,
        };
        return new TruncationRate(truncated, known, items.Count, method);
    }
}
