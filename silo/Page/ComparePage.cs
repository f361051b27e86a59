using System.Globalization;
using System.Text;
using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using static LedgerCluster.Api.Rendering.Html;

namespace LedgerCluster.Silo.Page;

/// <summary>
/// `GET /compare?a=&amp;b=`: the paired audit of two logged records for people, the same audit `/v1/compare` and
/// `ledger audit paired --report` give: verdict, 2x2 table, statistics, chart, protocol and truncation differences.
/// Self-contained (inline style and SVG, no requests elsewhere); every record field goes through <see cref="E"/>.
/// </summary>
public static class ComparePage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly Lazy<string> Style = new(() => Embedded("leaderboard.css"));

    public static string Render(PairedAuditResult r, RunRecord a, RunRecord b)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(Inv, $"<title>Compare {E(r.A.Label)} with {E(r.B.Label)} · LedgerCluster</title><style>{Style.Value}</style></head><body>");
        html.Append(Inv, $"<header><p class=\"sub\"><a href=\"/\">← Trust leaderboard</a></p><h1>{E(r.A.Label)} (A) vs {E(r.B.Label)} (B)</h1>");
        html.Append(Inv, $"<p class=\"sub\">paired on the {r.N} items both records scored · A on {E(a.Body.Benchmark.Id)}@{E(a.Body.Benchmark.Version)}, ");
        html.Append(Inv, $"B on {E(b.Body.Benchmark.Id)}@{E(b.Body.Benchmark.Version)}</p></header><main>");
        // Items pair by task id alone; on different benchmarks the same ids may name different questions.
        if (a.Body.Benchmark.ContentHash != b.Body.Benchmark.ContentHash)
            html.Append("<p id=\"benchmark-warning\"><strong>Different benchmarks.</strong> The records pin different benchmark content hashes: items are paired by task id only, which may name different questions.</p>");
        html.Append(Inv, $"<p id=\"verdict\" class=\"verdict {E(r.VerdictKind.ToString())}\"><strong>Verdict.</strong> {E(r.Verdict)}</p>");

        html.Append("<dl class=\"facts\">");
        Fact(html, "record A", a.Id, $"/records/{a.Id}");
        Fact(html, "record B", b.Id, $"/records/{b.Id}");
        html.Append("</dl>");

        var t = r.Table;
        html.Append("<h2>Paired outcomes</h2><div class=\"scroll\"><table id=\"paired-table\"><thead><tr><th></th><th>B right</th><th>B wrong</th><th>total</th></tr></thead><tbody>");
        html.Append(Inv, $"<tr><th>A right</th><td id=\"both\">{t.Both}</td><td id=\"only-a\">{t.OnlyA} (b)</td><td>{t.ACorrect}</td></tr>");
        html.Append(Inv, $"<tr><th>A wrong</th><td id=\"only-b\">{t.OnlyB} (c)</td><td id=\"neither\">{t.Neither}</td><td>{t.N - t.ACorrect}</td></tr>");
        html.Append(Inv, $"<tr><th>total</th><td>{t.BCorrect}</td><td>{t.N - t.BCorrect}</td><td>{t.N}</td></tr></tbody></table></div>");
        html.Append("<p class=\"sub\">Only the discordant items (b: only A right, c: only B right) say which side is better.</p>");

        html.Append("<h2>Statistics</h2><div class=\"scroll\"><table id=\"statistics\"><thead><tr><th></th><th>value</th><th>95% interval</th></tr></thead><tbody>");
        html.Append(Inv, $"<tr><td>accuracy A</td><td>{Percent(r.AccuracyA!.Value)}</td><td>{Percent(r.WilsonA.Lower)} to {Percent(r.WilsonA.Upper)} (Wilson)</td></tr>");
        html.Append(Inv, $"<tr><td>accuracy B</td><td>{Percent(r.AccuracyB!.Value)}</td><td>{Percent(r.WilsonB.Lower)} to {Percent(r.WilsonB.Upper)} (Wilson)</td></tr>");
        html.Append(Inv, $"<tr><td>difference B - A</td><td>{Points(r.Difference!.Value)} points</td><td>{Points(r.Bootstrap95.Lower)} to {Points(r.Bootstrap95.Upper)} points (paired bootstrap, seed {r.Seed}, {r.Resamples:N0} resamples)</td></tr>");
        html.Append(Inv, $"<tr><td>McNemar exact p, two-sided</td><td id=\"exact-p\">{r.McNemarExactP:0.000}</td><td>mid-p <span id=\"mid-p\">{r.McNemarMidP:0.000}</span></td></tr>");
        if (r.MinimumDetectableDifference is { } mde)
            html.Append(Inv, $"<tr><td>minimum detectable difference</td><td>{mde * 100:0.0} points</td><td>α 0.05, power 0.8, {Percent((double)t.Discordant / t.N)} discordant</td></tr>");
        html.Append("</tbody></table></div>");
        html.Append("<figure id=\"chart\">").Append(r.ToSvg()).Append("</figure>");

        Protocol(html, r);
        Truncation(html, r);
        html.Append(Inv, $"<footer><a href=\"/v1/compare?a={E(a.Id)}&amp;b={E(b.Id)}\">comparison JSON</a> · ");
        html.Append(Inv, $"<a href=\"/v1/audit/paired?a={E(a.Id)}&amp;b={E(b.Id)}&amp;format=md\">Markdown report</a> · <a href=\"/\">leaderboard</a></footer></main></body></html>");
        return html.ToString();
    }

    private static void Protocol(StringBuilder html, PairedAuditResult r)
    {
        html.Append("<h2>Protocol</h2>");
        if (r.A.Settings == 0 && r.B.Settings == 0)
        {
            html.Append("<p id=\"protocol\" class=\"sub\">Neither record states its settings, so a protocol difference cannot be ruled out.</p>");
            return;
        }
        if (r.ProtocolDiff.Count == 0)
        {
            html.Append(Inv, $"<p id=\"protocol\" class=\"sub\">All {Math.Max(r.A.Settings, r.B.Settings)} recorded settings are the same on both sides.</p>");
            return;
        }
        html.Append("<div class=\"scroll\"><table id=\"protocol\"><thead><tr><th>setting</th><th>A</th><th>B</th></tr></thead><tbody>");
        foreach (var d in r.ProtocolDiff)
        {
            // The model's own name and version are what is compared; every other difference may explain the result.
            var note = ProtocolFields.IsModelIdentity(d.Field) ? " (the model compared)" : ProtocolFields.IsTokenLimit(d.Field) ? " (token limit)" : "";
            html.Append(Inv, $"<tr><td class=\"mono\">{E(d.Field)}{E(note)}</td><td>{E(Value(d.A))}</td><td>{E(Value(d.B))}</td></tr>");
        }
        html.Append("</tbody></table></div>");
    }

    private static void Truncation(StringBuilder html, PairedAuditResult r)
    {
        var t = r.Truncation;
        html.Append("<h2>Truncation</h2>");
        if (t.AKnown == 0 && t.BKnown == 0)
        {
            html.Append("<p id=\"truncation\" class=\"sub\">Not recorded: the items carry no finish reason, nor output tokens with a known token limit.</p>");
            return;
        }
        html.Append("<div class=\"scroll\"><table id=\"truncation\"><thead><tr><th></th><th>A</th><th>B</th></tr></thead><tbody>");
        html.Append(Inv, $"<tr><td>stopped at the token limit</td><td>{Rate(t.ATruncated, t.AKnown)}</td><td>{Rate(t.BTruncated, t.BKnown)}</td></tr>");
        html.Append(Inv, $"<tr><td>token limit</td><td>{Limit(t.ATokenLimit)}</td><td>{Limit(t.BTokenLimit)}</td></tr>");
        html.Append(Inv, $"<tr><td>truncated where only the other side was right</td><td>{t.ATruncatedWhereOnlyBRight} of {r.Table.OnlyB}</td><td>{t.BTruncatedWhereOnlyARight} of {r.Table.OnlyA}</td></tr>");
        html.Append("</tbody></table></div>");
    }

    private static void Fact(StringBuilder html, string name, string value, string href) =>
        html.Append(Inv, $"<dt>{E(name)}</dt><dd class=\"mono\"><a href=\"{E(href)}\">{E(value)}</a></dd>");

    private static string Points(double diff) => (diff >= 0 ? "+" : "-") + Math.Abs(diff * 100).ToString("0.0", Inv);

    private static string Rate(int truncated, int known) => known == 0 ? "not recorded" : $"{truncated} of {known} ({Percent((double)truncated / known)})";

    private static string Limit(long? limit) => limit is { } l ? l.ToString(Inv) : "not recorded";

    private static string Value(JValue value) => value switch
    {
        JNull => "unset",
        JString s => s.Value,
        _ => CanonicalJson.Serialize(value),
    };
}
