using LedgerCluster.Core.Audit;
using LedgerCluster.Core.Import;

namespace LedgerCluster.Core.Records.Items;

/// <summary>
/// Filters, searches and pages a record's results for the record page. Truncation follows the board's rule
/// (<see cref="TruncationSummary.IsTruncated"/>: finish reason "length", else output tokens at the token limit), so
/// the page and the board's truncation rate count the same items.
/// </summary>
public static class RecordItems
{
    public const int DefaultPageSize = 50;

    public static ItemPage Page(RecordBody body, ItemQuery query, int pageSize = DefaultPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var all = Items(body);
        var matching = all.Where(item => Keeps(item, query)).ToList();
        // Long arithmetic: a page number near int.MaxValue must give an empty page, not an overflow.
        var skip = (long)(query.Page - 1) * pageSize;
        var shown = skip >= matching.Count ? [] : matching.Skip((int)skip).Take(pageSize).ToList();
        return new ItemPage(query, shown, pageSize, matching.Count, all.Count,
            all.Count(i => !i.Result.Passed), all.Count(i => i.Truncated));
    }

    /// <summary>Every result in record order, with its finish reason and whether it was cut off.</summary>
    public static IReadOnlyList<RecordItem> Items(RecordBody body)
    {
        var tokenLimit = ProtocolFields.TokenLimit(ProtocolFields.FromRecord(body));
        var items = new List<RecordItem>(body.Results.Count);
        for (var i = 0; i < body.Results.Count; i++)
        {
            var result = body.Results[i];
            // Imported records keep these per item in model.params.item_facts (docs/harness-import.md).
            var (reason, tokens) = result.FinishReason is null || result.OutputTokens is null ? ItemFacts.Of(body.Model.Params, result.TaskId) : (null, null);
            var finishReason = result.FinishReason ?? reason;
            var truncated = TruncationSummary.IsTruncated(new PairedItem(result.TaskId, result.Passed, finishReason, result.OutputTokens ?? tokens), tokenLimit) == true;
            items.Add(new RecordItem(i + 1, result, finishReason, truncated));
        }
        return items;
    }

    private static bool Keeps(RecordItem item, ItemQuery query)
    {
        var byFilter = query.Filter switch
        {
            ItemFilter.Failed => !item.Result.Passed,
            ItemFilter.Truncated => item.Truncated,
            _ => true,
        };
        return byFilter && (query.Search.Length == 0 || Mentions(item.Result, query.Search));
    }

    // Case-insensitive substring over the texts a reader would look for.
    private static bool Mentions(TaskResult result, string text) =>
        result.TaskId.Contains(text, StringComparison.OrdinalIgnoreCase)
        || result.Prompt.Contains(text, StringComparison.OrdinalIgnoreCase)
        || result.Output.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (result.Expected?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
}
