using System.Globalization;
using System.Text;
using LedgerCluster.Core.Records.Items;
using static LedgerCluster.Api.Rendering.Html;

namespace LedgerCluster.Silo.Page;

/// <summary>
/// The record page's per-item table: one page of <see cref="ItemPage"/>, with filter links, a search form and a pager
/// whose links keep the filter and search. Only renders; <see cref="RecordItems"/> decides what is shown.
/// </summary>
public static class RecordItemsSection
{
    // Texts up to this length (on one line) are shown as they are; longer ones fold into a <details> cell.
    private const int InlineLength = 80;

    public static void Render(StringBuilder html, string recordId, ItemPage page)
    {
        var query = page.Query;
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"items\">Items</h2><p class=\"sub\" id=\"item-filters\">");
        FilterLink(html, recordId, query, ItemFilter.All, $"all {page.Total}");
        html.Append(" · ");
        FilterLink(html, recordId, query, ItemFilter.Failed, $"failed {page.Failed}");
        html.Append(" · ");
        FilterLink(html, recordId, query, ItemFilter.Truncated, $"truncated {page.Truncated}");
        html.Append("</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"get\" action=\"/records/{E(recordId)}#items\" id=\"item-search\"><input type=\"hidden\" name=\"filter\" value=\"{E(query.FilterName)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"search\" name=\"q\" value=\"{E(query.Search)}\" maxlength=\"{ItemQuery.MaxSearchLength}\" placeholder=\"search task id, prompt, output, expected\"> <button type=\"submit\">Search</button></form>");

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\" id=\"item-summary\">");
        if (page.PastEnd)
            html.Append(CultureInfo.InvariantCulture, $"Page {query.Page} is past the end: {page.Matching} matching items fill {page.PageCount} page{(page.PageCount == 1 ? "" : "s")}.");
        else if (page.Matching == 0)
            html.Append("No items match.");
        else
            html.Append(CultureInfo.InvariantCulture, $"Items {page.FirstShown} to {page.LastShown} of {page.Matching} matching ({page.Total} in the record), page {query.Page} of {page.PageCount}.");
        html.Append("</p>");

        if (page.Items.Count > 0)
        {
            html.Append("<div class=\"scroll\"><table id=\"item-table\"><thead><tr><th>#</th><th>task</th><th>result</th><th>score</th><th>finish</th><th>prompt</th><th>output</th><th>expected</th></tr></thead><tbody>");
            foreach (var item in page.Items) Row(html, item);
            html.Append("</tbody></table></div>");
        }
        Pager(html, recordId, page);
    }

    private static void Row(StringBuilder html, RecordItem item)
    {
        var r = item.Result;
        html.Append(CultureInfo.InvariantCulture, $"<tr class=\"item\" data-task=\"{E(r.TaskId)}\"><td>{item.Number}</td><td class=\"mono\">{E(r.TaskId)}</td>");
        html.Append(CultureInfo.InvariantCulture, $"<td><span class=\"badge {(r.Passed ? "ok" : "failed")}\">{(r.Passed ? "passed" : "failed")}</span></td>");
        html.Append(CultureInfo.InvariantCulture, $"<td>{r.Score.ToString("0.###", CultureInfo.InvariantCulture)}</td>");
        html.Append(CultureInfo.InvariantCulture, $"<td>{E(item.FinishReason ?? "")}{(item.Truncated ? " <span class=\"badge failed\">truncated</span>" : "")}</td>");
        Text(html, r.Prompt);
        Text(html, r.Output);
        Text(html, r.Expected);
        html.Append("</tr>");
    }

    // Shown whole: a short text inline, a long one behind its first line in a scrollable <details>.
    private static void Text(StringBuilder html, string? text)
    {
        if (text is null) { html.Append("<td class=\"sub\">(none)</td>"); return; }
        if (text.Length <= InlineLength && !text.Contains('\n'))
        {
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"text\">{E(text)}</td>");
            return;
        }
        var firstLine = text.Split('\n', 2)[0];
        var summary = firstLine.Length > InlineLength ? firstLine[..InlineLength] : firstLine;
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"text\"><details><summary>{E(summary)}… ({text.Length} chars)</summary><pre class=\"item-text\">{E(text)}</pre></details></td>");
    }

    private static void Pager(StringBuilder html, string recordId, ItemPage page)
    {
        var query = page.Query;
        if (page.PageCount == 1 && !page.PastEnd) return;
        html.Append("<p class=\"sub\" id=\"item-pager\">");
        if (page.HasPrevious)
        {
            // Past the end, "previous" goes to the last page that has items.
            var previous = page.PastEnd ? page.PageCount : query.Page - 1;
            html.Append(CultureInfo.InvariantCulture, $"<a rel=\"prev\" href=\"{E(Url(recordId, query with { Page = previous }))}\">← previous</a> ");
        }
        html.Append(CultureInfo.InvariantCulture, $"page {query.Page} of {page.PageCount}");
        if (page.HasNext)
            html.Append(CultureInfo.InvariantCulture, $" <a rel=\"next\" href=\"{E(Url(recordId, query with { Page = query.Page + 1 }))}\">next →</a>");
        html.Append("</p>");
    }

    private static void FilterLink(StringBuilder html, string recordId, ItemQuery query, ItemFilter filter, string label)
    {
        if (filter == query.Filter) { html.Append(CultureInfo.InvariantCulture, $"<strong>{E(label)}</strong>"); return; }
        // A new filter starts at page 1 and keeps the search.
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(Url(recordId, query with { Filter = filter, Page = 1 }))}\">{E(label)}</a>");
    }

    /// <summary>The record page's address for a query; default values are left out.</summary>
    public static string Url(string recordId, ItemQuery query)
    {
        var parts = new List<string>(3);
        if (query.Filter != ItemFilter.All) parts.Add("filter=" + query.FilterName);
        if (query.Search.Length > 0) parts.Add("q=" + Uri.EscapeDataString(query.Search));
        if (query.Page != 1) parts.Add("page=" + query.Page.ToString(CultureInfo.InvariantCulture));
        return $"/records/{recordId}{(parts.Count == 0 ? "" : "?" + string.Join('&', parts))}#items";
    }
}
