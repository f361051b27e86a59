using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Audit;

/// <summary>Everything a paired audit found; <see cref="ToJson"/> is the FORMATS.md section 8 shape (plus extra keys).</summary>
public sealed record PairedAuditResult(
    AuditSide A,
    AuditSide B,
    PairedTable Table,
    double McNemarExactP,
    double McNemarMidP,
    ConfidenceInterval WilsonA,
    ConfidenceInterval WilsonB,
    ConfidenceInterval Bootstrap95,
    long Seed,
    int Resamples,
    double? MinimumDetectableDifference,
    IReadOnlyList<ProtocolDifference> ProtocolDiff,
    TruncationSummary Truncation,
    UnpairedReport Unpaired,
    VerdictKind VerdictKind,
    string Verdict)
{
    public int N => Table.N;
    public double? AccuracyA => N == 0 ? null : (double)Table.ACorrect / N;
    public double? AccuracyB => N == 0 ? null : (double)Table.BCorrect / N;

    /// <summary>Accuracy of B minus accuracy of A, null without paired items.</summary>
    public double? Difference => N == 0 ? null : Table.Difference;

    public JObject ToJson() => new()
    {
        { "n", N },
        { "a_correct", Table.ACorrect },
        { "b_correct", Table.BCorrect },
        { "b_only_a", Table.OnlyA },
        { "c_only_b", Table.OnlyB },
        { "both_correct", Table.Both },
        { "neither_correct", Table.Neither },
        { "mcnemar_exact_p", McNemarExactP },
        { "mcnemar_midp", McNemarMidP },
        { "accuracy_a", Accuracy(AccuracyA, WilsonA) },
        { "accuracy_b", Accuracy(AccuracyB, WilsonB) },
        { "diff", new JObject { { "value", Nullable(Difference) }, { "bootstrap_95", N == 0 ? JNull.Instance : Interval(Bootstrap95) }, { "seed", Seed }, { "resamples", Resamples } } },
        { "min_detectable_diff", Nullable(MinimumDetectableDifference) },
        { "protocol_diff", new JArray(ProtocolDiff.Select(d => (JValue)new JObject { { "field", d.Field }, { "a", d.A }, { "b", d.B } }).ToList()) },
        { "truncation", TruncationJson() },
        { "unpaired", UnpairedJson() },
        { "a", Side(A) },
        { "b", Side(B) },
        { "verdict_kind", VerdictKind.ToString() },
        { "verdict", Verdict },
    };

    /// <summary>A report readable on its own: inputs, 2x2 table, statistics, protocol diff, truncation, verdict, and a chart.</summary>
    public string ToMarkdown() => AuditMarkdown.Render(this);

    /// <summary>The report's chart alone (accuracies with Wilson intervals, discordant counts), for a page; needs paired items.</summary>
    public string ToSvg() => N == 0 ? throw new InvalidOperationException("no paired items to chart") : AuditSvg.Render(this);

    private JObject TruncationJson() => new()
    {
        { "a_rate", Nullable(Truncation.ARate) },
        { "b_rate", Nullable(Truncation.BRate) },
        { "a_truncated", Truncation.ATruncated },
        { "a_known", Truncation.AKnown },
        { "b_truncated", Truncation.BTruncated },
        { "b_known", Truncation.BKnown },
        { "a_token_limit", Truncation.ATokenLimit is { } la ? la : JNull.Instance },
        { "b_token_limit", Truncation.BTokenLimit is { } lb ? lb : JNull.Instance },
        { "a_truncated_where_only_b_right", Truncation.ATruncatedWhereOnlyBRight },
        { "b_truncated_where_only_a_right", Truncation.BTruncatedWhereOnlyARight },
    };

    private JObject UnpairedJson() => new()
    {
        { "only_in_a", Ids(Unpaired.OnlyInA) },
        { "only_in_b", Ids(Unpaired.OnlyInB) },
        { "no_correct_a", Ids(Unpaired.NoCorrectA) },
        { "no_correct_b", Ids(Unpaired.NoCorrectB) },
    };

    private JObject Accuracy(double? value, ConfidenceInterval wilson) =>
        new() { { "value", Nullable(value) }, { "wilson_95", N == 0 ? JNull.Instance : Interval(wilson) } };

    private static JObject Side(AuditSide side) => new() { { "label", side.Label }, { "source", side.Source }, { "items", side.Items }, { "settings", side.Settings } };

    private static JObject Ids(IdSample sample) =>
        new() { { "count", sample.Count }, { "ids", new JArray(sample.Examples.Select(id => (JValue)id).ToList()) } };

    private static JArray Interval(ConfidenceInterval ci) => new(ci.Lower, ci.Upper);

    private static JValue Nullable(double? x) => x is { } v ? v : JNull.Instance;
}
