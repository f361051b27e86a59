using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Records.Items;

namespace LedgerCluster.Core.Tests.Records;

public sealed class RecordItemsTests
{
    // 120 items: every third fails; t5 stopped at its length limit (finish_reason), t7 reached max_tokens (token cap).
    private static RecordBody Body(JObject? extraParams = null)
    {
        var results = Enumerable.Range(0, 120).Select(i => new TaskResult($"t{i}", $"prompt {i}", i == 42 ? "the Needle answer" : $"output {i}", $"{i}",
            i % 3 == 0 ? 0.0 : 1.0, i % 3 != 0, FinishReason: i == 5 ? "length" : null, OutputTokens: i == 7 ? 300 : null)).ToList();
        var parameters = new JObject { { "max_tokens", 300 } };
        if (extraParams is not null) foreach (var (key, value) in extraParams) parameters.Add(key, value);
        return RecordBody.Create(new BenchmarkRef("b", "1", new string('a', 64)), new ModelInfo("p", "m", "1", parameters), new RunnerConfig(1, null), results, "exact_match");
    }

    private static ItemQuery Query(string? page = null, string? filter = null, string? q = null) =>
        ItemQuery.Parse(page, filter, q, out var error) ?? throw new InvalidOperationException(error);

    [SharedFact]
    public void All_items_page_in_fifties_in_record_order()
    {
        var body = Body();
        var first = RecordItems.Page(body, Query());
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"t{i}"), first.Items.Select(i => i.Result.TaskId));
        Assert.Equal((120, 120, 3, 1, 50), (first.Matching, first.Total, first.PageCount, first.FirstShown, first.LastShown));
        Assert.True(first.HasNext);
        Assert.False(first.HasPrevious);
        var last = RecordItems.Page(body, Query(page: "3"));
        Assert.Equal(Enumerable.Range(100, 20).Select(i => $"t{i}"), last.Items.Select(i => i.Result.TaskId));
        Assert.Equal(101, last.Items[0].Number);
        Assert.False(last.HasNext);
        Assert.False(last.PastEnd);
    }

    [SharedFact]
    public void Failed_keeps_only_items_that_did_not_pass()
    {
        var page = RecordItems.Page(Body(), Query(filter: "failed"));
        Assert.Equal(40, page.Matching);
        Assert.Equal(40, page.Failed);
        Assert.All(page.Items, i => Assert.False(i.Result.Passed));
        Assert.Equal(["t0", "t3", "t6"], page.Items.Take(3).Select(i => i.Result.TaskId));
        Assert.Equal(["t0"], RecordItems.Page(Body(), Query(filter: "failed", q: "prompt 0")).Items.Select(i => i.Result.TaskId));
    }

    [SharedFact]
    public void Truncated_follows_finish_reason_else_the_token_cap()
    {
        var page = RecordItems.Page(Body(), Query(filter: "truncated"));
        Assert.Equal(["t5", "t7"], page.Items.Select(i => i.Result.TaskId));
        Assert.Equal(2, page.Truncated);
        Assert.Equal("length", page.Items[0].FinishReason);
    }

    [SharedFact]
    public void Imported_records_give_finish_reasons_from_item_facts()
    {
        var facts = new JObject { { "item_facts", new JObject { { "t9", new JObject { { "finish_reason", "length" } } }, { "t10", new JObject { { "finish_reason", "stop" } } } } } };
        var items = RecordItems.Items(Body(facts));
        Assert.Equal("length", items[9].FinishReason);
        Assert.True(items[9].Truncated);
        Assert.Equal("stop", items[10].FinishReason);
        Assert.False(items[10].Truncated);
        Assert.Null(items[11].FinishReason);
    }

    [SharedFact]
    public void Search_is_case_insensitive_over_task_id_prompt_output_and_expected()
    {
        var body = Body();
        Assert.Equal(["t42"], RecordItems.Page(body, Query(q: "needle")).Items.Select(i => i.Result.TaskId));
        Assert.Equal(["t42"], RecordItems.Page(body, Query(q: "PROMPT 42")).Items.Select(i => i.Result.TaskId));
        Assert.Equal(["t119"], RecordItems.Page(body, Query(q: "t119")).Items.Select(i => i.Result.TaskId));
        Assert.Equal(new[] { 11 }.Concat(Enumerable.Range(110, 10)).Select(i => $"t{i}"), RecordItems.Page(body, Query(q: "output 11")).Items.Select(i => i.Result.TaskId));
        var none = RecordItems.Page(body, Query(q: "absent"));
        Assert.Empty(none.Items);
        Assert.Equal((0, 1, false), (none.Matching, none.PageCount, none.PastEnd));
    }

    [SharedFact]
    public void A_page_past_the_end_is_empty_and_says_so()
    {
        var page = RecordItems.Page(Body(), Query(page: "4"));
        Assert.Empty(page.Items);
        Assert.True(page.PastEnd);
        Assert.True(page.HasPrevious);
        Assert.True(RecordItems.Page(Body(), Query(page: int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture))).PastEnd);
    }

    [SharedFact]
    public void Bad_page_filter_or_search_values_are_refused_with_the_reason()
    {
        foreach (var (page, filter, q, named) in new (string? Page, string? Filter, string? Q, string Named)[]
        {
            ("0", null, null, "page"), ("-1", null, null, "page"), ("two", null, null, "page"), ("1.5", null, null, "page"), ("99999999999", null, null, "page"),
            (null, "passed", null, "filter"), (null, "FAILED", null, "filter"), (null, null, new string('x', 201), "q"),
        })
        {
            Assert.Null(ItemQuery.Parse(page, filter, q, out var error));
            Assert.StartsWith(named, error, StringComparison.Ordinal);
        }
        Assert.Equal(ItemQuery.Default, ItemQuery.Parse("", "", "  ", out _));
        Assert.Equal(new ItemQuery(ItemFilter.Truncated, "x y", 2), ItemQuery.Parse("2", "truncated", " x y ", out _));
    }
}
