using System.Text;
using static LedgerCluster.Core.Audit.AuditFormat;

namespace LedgerCluster.Core.Audit;

/// <summary>The paired audit as a Markdown report that stands on its own.</summary>
internal static class AuditMarkdown
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    public static string Render(PairedAuditResult r)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"# Paired audit: {Cell(r.A.Label)} (A) vs {Cell(r.B.Label)} (B)\n\n");
        sb.Append(Inv, $"> **Verdict.** {r.Verdict}\n\n");
        Inputs(sb, r);
        if (r.N > 0)
        {
            Outcomes(sb, r);
            Statistics(sb, r);
            sb.Append(AuditSvg.Render(r)).Append("\n\n");
        }
        Protocol(sb, r);
        Truncation(sb, r);
        return sb.ToString();
    }

    private static void Inputs(StringBuilder sb, PairedAuditResult r)
    {
        sb.Append("## What was compared\n\n| | A | B |\n|---|---|---|\n");
        sb.Append(Inv, $"| label | {Cell(r.A.Label)} | {Cell(r.B.Label)} |\n");
        sb.Append(Inv, $"| source | {Cell(r.A.Source)} | {Cell(r.B.Source)} |\n");
        sb.Append(Inv, $"| items | {r.A.Items} | {r.B.Items} |\n");
        sb.Append(Inv, $"| recorded settings | {r.A.Settings} | {r.B.Settings} |\n\n");
        sb.Append(Inv, $"Items are paired by id; **n = {r.N}** were scored on both sides.");
        var u = r.Unpaired;
        if (u.Any)
        {
            sb.Append(" Left out:\n\n");
            Left(sb, u.NoCorrectA, "in A without `correct`");
            Left(sb, u.NoCorrectB, "in B without `correct`");
            Left(sb, u.OnlyInA, "only in A");
            Left(sb, u.OnlyInB, "only in B");
        }
        sb.Append("\n\n");
    }

    private static void Left(StringBuilder sb, IdSample ids, string what)
    {
        if (ids.Count == 0) return;
        var more = ids.Count > ids.Examples.Count ? ", …" : "";
        sb.Append(Inv, $"- {ids.Count} {what}: {string.Join(", ", ids.Examples.Select(id => $"`{id}`"))}{more}\n");
    }

    private static void Outcomes(StringBuilder sb, PairedAuditResult r)
    {
        var t = r.Table;
        sb.Append("## Outcomes\n\n| | B correct | B wrong | total |\n|---|---:|---:|---:|\n");
        sb.Append(Inv, $"| **A correct** | {t.Both} (both) | {t.OnlyA} (b: only A) | {t.ACorrect} |\n");
        sb.Append(Inv, $"| **A wrong** | {t.OnlyB} (c: only B) | {t.Neither} (neither) | {t.N - t.ACorrect} |\n");
        sb.Append(Inv, $"| **total** | {t.BCorrect} | {t.N - t.BCorrect} | {t.N} |\n\n");
        sb.Append(Inv, $"Only the {t.Discordant} discordant items (b + c) say which side is better.\n\n");
    }

    private static void Statistics(StringBuilder sb, PairedAuditResult r)
    {
        sb.Append("## Statistics\n\n| | value | 95% interval |\n|---|---:|---|\n");
        sb.Append(Inv, $"| accuracy A | {Percent1(r.AccuracyA!.Value)} | {Percent1(r.WilsonA.Lower)} to {Percent1(r.WilsonA.Upper)} (Wilson) |\n");
        sb.Append(Inv, $"| accuracy B | {Percent1(r.AccuracyB!.Value)} | {Percent1(r.WilsonB.Lower)} to {Percent1(r.WilsonB.Upper)} (Wilson) |\n");
        sb.Append(Inv, $"| difference B - A | {Points(r.Difference!.Value)} points | {Points(r.Bootstrap95.Lower)} to {Points(r.Bootstrap95.Upper)} points (paired bootstrap, seed {r.Seed}, {r.Resamples:N0} resamples) |\n");
        sb.Append(Inv, $"| McNemar exact, two-sided | {P(r.McNemarExactP)} | mid-{P(r.McNemarMidP)} |\n");
        if (r.MinimumDetectableDifference is { } mde)
            sb.Append(Inv, $"| minimum detectable difference | {Number(mde * 100, "0.0")} points | α 0.05, power 0.8, {Percent((double)r.Table.Discordant / r.N)} discordant |\n");
        sb.Append('\n');
    }

    private static void Protocol(StringBuilder sb, PairedAuditResult r)
    {
        sb.Append("## Protocol\n\n");
        if (r.A.Settings == 0 && r.B.Settings == 0)
        {
            sb.Append("Neither input records its settings (model, decoding parameters, token limit), so a protocol difference cannot be ruled out.\n\n");
            return;
        }
        if (r.ProtocolDiff.Count == 0)
        {
            sb.Append(Inv, $"All {Math.Max(r.A.Settings, r.B.Settings)} recorded settings are the same on both sides.\n\n");
            return;
        }
        sb.Append("| field | A | B |\n|---|---|---|\n");
        foreach (var d in r.ProtocolDiff)
        {
            var note = ProtocolFields.IsModelIdentity(d.Field) ? " (the model compared)" : ProtocolFields.IsTokenLimit(d.Field) ? " (**token limit**)" : "";
            sb.Append(Inv, $"| `{d.Field}`{note} | {Cell(Value(d.A))} | {Cell(Value(d.B))} |\n");
        }
        sb.Append('\n');
    }

    private static void Truncation(StringBuilder sb, PairedAuditResult r)
    {
        var t = r.Truncation;
        sb.Append("## Truncation\n\n");
        if (t.AKnown == 0 && t.BKnown == 0)
        {
            sb.Append("Not recorded: the items carry no `finish_reason`, nor `output_tokens` with a known token limit. ")
              .Append("A side that hits its limit more often loses items for a reason that is not the model's ability; record it to rule that out.\n");
            return;
        }
        sb.Append("| | A | B |\n|---|---|---|\n");
        sb.Append(Inv, $"| stopped at the token limit | {Rate(t.ATruncated, t.AKnown)} | {Rate(t.BTruncated, t.BKnown)} |\n");
        sb.Append(Inv, $"| token limit | {Limit(t.ATokenLimit)} | {Limit(t.BTokenLimit)} |\n\n");
        if (r.Table.OnlyB > 0) sb.Append(Inv, $"Of the {r.Table.OnlyB} items only B got right, {t.ATruncatedWhereOnlyBRight} were truncated in A. ");
        if (r.Table.OnlyA > 0) sb.Append(Inv, $"Of the {r.Table.OnlyA} items only A got right, {t.BTruncatedWhereOnlyARight} were truncated in B.");
        sb.Append('\n');
    }

    private static string Rate(int truncated, int known) =>
        known == 0 ? "not recorded" : $"{truncated} of {known} ({Percent((double)truncated / known)})";

    private static string Limit(long? limit) => limit is { } l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "not recorded";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
