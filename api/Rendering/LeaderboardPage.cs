using System.Globalization;
using System.Text;
using static LedgerCluster.Api.Rendering.Html;

namespace LedgerCluster.Api.Rendering;

/// <summary>
/// The hosted trust leaderboard: one self-contained HTML document (styles and script inline, no external requests),
/// with the first page of rows rendered on the server so it shows at once; the script then follows the event stream
/// and re-renders the rows without a reload. `ledger leaderboard --format html` writes a static copy through the same code.
/// </summary>
public static class LeaderboardPage
{
    // Rows a page shows, the same as the API page readers ask for: a page costs its rows, under load too.
    public const int PageSize = 50;
    private static readonly Lazy<string> Style = new(() => Embedded("leaderboard.css"));
    private static readonly Lazy<string> Script = new(() => Embedded("leaderboard.js"));

    /// <summary>Columns of a row (group headings and power lines span them all).</summary>
    public const int Columns = 11;

    /// <param name="rows">Rows <paramref name="offset"/> onwards of a board of <paramref name="total"/>, groups in view order.</param>
    /// <param name="live">False for a static copy (`ledger leaderboard --format html`): no script, no event stream.</param>
    /// <param name="groups">The benchmark boards the rows are on (their heading, #1 row and power line).</param>
    public static string Render(IReadOnlyList<LeaderboardRow> rows, int total, IReadOnlyList<KeyValuePair<string, int>> benchmarks, string? benchmark, int offset,
        bool live = true, IReadOnlyList<LeaderboardGroup>? groups = null)
    {
        var html = new StringBuilder(64 * 1024 + rows.Count * 1200);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>Trust leaderboard · LedgerCluster</title><style>").Append(Style.Value).Append("</style></head><body>");
        html.Append("<header><h1>Trust leaderboard</h1><p class=\"sub\">Signed eval results from an append-only Merkle log, grouped by benchmark (each group ranked on its own), ranked by the evidence behind them, then accuracy. ");
        html.Append("<span class=\"badge reproduced\">reproduced</span> re-run to the same bytes · <span class=\"badge verified\">verified</span> in a witnessed checkpoint · ");
        html.Append("<span class=\"badge signed\">signed</span> signature only. The range is the ranks a row can hold given paired McNemar tests (Holm-corrected) against its group: rows sharing ranks are not told apart.</p></header><main>");
        html.Append("<form class=\"filters\" method=\"get\" action=\"/\"><label>Benchmark <select name=\"benchmark\" id=\"benchmark\">");
        html.Append(CultureInfo.InvariantCulture, $"<option value=\"\">All benchmarks ({benchmarks.Sum(b => b.Value)})</option>");
        foreach (var (id, count) in benchmarks)
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(id)}\"{(id == benchmark ? " selected" : "")}>{E(id)} ({count})</option>");
        html.Append("</select></label><noscript><button>Show</button></noscript>");
        if (live) html.Append("<span id=\"live\" class=\"live\" title=\"updates as records arrive\">connecting…</span>");
        html.Append("</form>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"count\" id=\"count\">{CountText(offset, rows.Count, total)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table id=\"board\" data-benchmark=\"{E(benchmark)}\" data-offset=\"{offset}\" data-limit=\"{PageSize}\">");
        html.Append("<thead><tr><th class=\"num\">#</th><th>Range</th><th>Tier</th><th>Model</th><th>Benchmark</th><th>Accuracy <small>(95% Wilson)</small></th><th class=\"num\">Tasks</th>");
        html.Append("<th>Truncated</th><th>Signer</th><th>Record</th><th>Compare</th></tr></thead><tbody id=\"rows\">");
        var byHash = (groups ?? []).GroupBy(g => g.BenchmarkHash, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var group = byHash.GetValueOrDefault(rows[i].BenchmarkHash);
            if (i == 0 || rows[i - 1].BenchmarkHash != rows[i].BenchmarkHash) AppendGroupHead(html, rows[i], group);
            AppendRow(html, rows[i], group?.TopRecordId);
            if (i == rows.Count - 1 || rows[i + 1].BenchmarkHash != rows[i].BenchmarkHash) AppendGroupPower(html, group);
        }
        html.Append("</tbody></table></div>");
        html.Append(Pager(total, benchmark, offset));
        html.Append("<footer>Served by this LedgerCluster node · <a href=\"/v1/leaderboard\">JSON</a> · <a href=\"/v1/leaderboard/groups\">groups</a> · <a href=\"/v1/leaderboard?format=md\">Markdown</a> · <a href=\"/v1/shards\">shards</a></footer>");
        html.Append("</main>");
        if (live) html.Append("<script>").Append(Script.Value).Append("</script>");
        html.Append("</body></html>");
        return html.ToString();
    }

    public static string CountText(int offset, int shown, int total) => total == 0
        ? "No records yet."
        : string.Create(CultureInfo.InvariantCulture, $"Showing {offset + 1}–{offset + shown} of {total} records");

    // The script builds the same markup with DOM calls (leaderboard.js, groupHead/renderRow/groupPower): keep them in step.
    private static void AppendGroupHead(StringBuilder html, LeaderboardRow first, LeaderboardGroup? group)
    {
        html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group-head\" data-benchmark-hash=\"{E(first.BenchmarkHash)}\"><th colspan=\"{Columns}\" scope=\"rowgroup\">");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"group-title\">{E(group?.Benchmark ?? first.Benchmark)}</span> <span class=\"group-hash mono\" title=\"benchmark content hash\">{E(Short(first.BenchmarkHash))}</span>");
        if (group is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $" <span class=\"group-meta\">{group.Total} record{(group.Total == 1 ? "" : "s")}");
            if (group.CommonProtocol is { } protocol) html.Append(CultureInfo.InvariantCulture, $" · common protocol <span class=\"mono\">{E(protocol)}</span>");
            if (group.TestedRows < group.Total) html.Append(CultureInfo.InvariantCulture, $" · paired tests cover the top {group.TestedRows}");
            html.Append("</span>");
        }
        html.Append("</th></tr>");
    }

    private static void AppendGroupPower(StringBuilder html, LeaderboardGroup? group)
    {
        if (group is null) return;
        html.Append(CultureInfo.InvariantCulture, $"<tr class=\"group-power\" data-benchmark-hash=\"{E(group.BenchmarkHash)}\"><td colspan=\"{Columns}\" class=\"power\">{E(group.Power.Text)}</td></tr>");
    }

    private static void AppendRow(StringBuilder html, LeaderboardRow e, string? top)
    {
        var (lower, upper) = (e.Wilson[0], e.Wilson[1]);
        html.Append(CultureInfo.InvariantCulture, $"<tr data-record-id=\"{E(e.RecordId)}\" data-benchmark-hash=\"{E(e.BenchmarkHash)}\"><td class=\"num rank\">{e.Rank}</td>");
        html.Append(e.RankRange is null
            ? "<td class=\"range\"><span class=\"rank-range untested\" title=\"below the rows the paired tests cover\">–</span></td>"
            : $"<td class=\"range\"><span class=\"rank-range\" data-rank-range=\"{e.RankRange[0]}-{e.RankRange[1]}\" title=\"ranks consistent with the paired tests\">{E(e.RankRangeText)}</span></td>");
        html.Append(CultureInfo.InvariantCulture, $"<td><span class=\"badge {E(e.Tier)}\">{E(e.Tier)}</span>");
        if (e.ReproductionFailed is { } failure) html.Append(CultureInfo.InvariantCulture, $" <span class=\"badge failed\" title=\"{E(failure)}\">reproduction failed</span>");
        html.Append(CultureInfo.InvariantCulture, $"</td><td class=\"model\">{E(e.Model)}");
        if (e.Protocol.Length > 0) html.Append(CultureInfo.InvariantCulture, $" <span class=\"protocol mono\" title=\"generation protocol\">{E(e.Protocol)}</span>");
        if (e.ProtocolWarnings is { Length: > 0 } warnings)
        {
            html.Append("<ul class=\"protocol-warnings\" title=\"differs from the most common protocol of this board\">");
            foreach (var warning in warnings) html.Append(CultureInfo.InvariantCulture, $"<li class=\"protocol-warning\">{E(warning)}</li>");
            html.Append("</ul>");
        }
        html.Append(CultureInfo.InvariantCulture, $"</td><td>{E(e.Benchmark)}</td>");
        html.Append(CultureInfo.InvariantCulture, $"<td><div class=\"acc\"><span class=\"acc-num\">{Percent(e.Accuracy)}</span><span class=\"bar\" title=\"95% Wilson interval {Percent(lower)} to {Percent(upper)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<span class=\"fill\" style=\"width:{Css(e.Accuracy)}\"></span><span class=\"ci\" style=\"left:{Css(lower)};width:{Css(upper - lower)}\"></span></span></div></td>");
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{e.Tasks}</td>");
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"truncation\"><span class=\"truncation-rate\" title=\"method: {E(e.TruncationMethod)}\">{(e.TruncationRate is { } rate ? Percent(rate) : "n/a")}</span>");
        if (e.TruncationWarning is { } truncation) html.Append(CultureInfo.InvariantCulture, $" <span class=\"truncation-warning\">{E(truncation)}</span>");
        html.Append(CultureInfo.InvariantCulture, $"</td><td class=\"signer\">{E(e.Signer ?? "")}</td>");
        html.Append(CultureInfo.InvariantCulture, $"<td><a class=\"rid\" href=\"/records/{E(e.RecordId)}\">{E(Short(e.RecordId))}…</a></td><td>");
        if (top is not null && top != e.RecordId)
            html.Append(CultureInfo.InvariantCulture, $"<a class=\"compare-top\" href=\"/compare?a={E(Uri.EscapeDataString(e.RecordId))}&amp;b={E(Uri.EscapeDataString(top))}\">compare with #1</a>");
        html.Append("</td></tr>");
    }

    private static string Short(string id) => id[..Math.Min(12, id.Length)];

    private static string Pager(int total, string? benchmark, int offset)
    {
        if (total <= PageSize) return "<nav class=\"pager\" id=\"pager\"></nav>";
        var filter = benchmark is null ? "" : $"benchmark={Uri.EscapeDataString(benchmark)}&amp;";
        var nav = new StringBuilder("<nav class=\"pager\" id=\"pager\">");
        if (offset > 0) nav.Append(CultureInfo.InvariantCulture, $"<a href=\"/?{filter}offset={Math.Max(0, offset - PageSize)}\">← previous</a>");
        if (offset + PageSize < total) nav.Append(CultureInfo.InvariantCulture, $"<a href=\"/?{filter}offset={offset + PageSize}\">next →</a>");
        return nav.Append("</nav>").ToString();
    }
}
