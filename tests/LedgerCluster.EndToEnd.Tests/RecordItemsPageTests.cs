using System.Net;
using System.Text.RegularExpressions;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The record page's per-item table on a real node: pages, filters, search, escaping, refusals.</summary>
public sealed class RecordItemsPageTests
{
    private const string Hostile = "<script>alert('item')</script>";

    // 120 items: even ones fail; t7 (passed) and t12 (failed) stopped at the length limit; t3's prompt is hostile;
    // t21's output holds the search word; t1's output is long and spans lines.
    private static RunRecord Record(Ed25519KeyPair key)
    {
        var results = Enumerable.Range(0, 120).Select(i => new TaskResult($"t{i}",
            i == 3 ? Hostile : $"question {i}",
            i == 21 ? "a Needle in the output" : i == 1 ? string.Join('\n', Enumerable.Repeat("a long line of reasoning", 20)) : $"answer {i}",
            $"{i}", i % 2 == 0 ? 0.0 : 1.0, i % 2 != 0, FinishReason: i is 7 or 12 ? "length" : "stop")).ToList();
        var body = RecordBody.Create(new BenchmarkRef("e2e-items", "1", new string('b', 64)), new ModelInfo("test", "items", "1", new JObject { { "max_tokens", 64 } }),
            new RunnerConfig(1, null), results, "exact_match");
        return RunRecord.Create(body, key, "e2e");
    }

    private static string[] Shown(string html) => Regex.Matches(html, "<tr class=\"item\" data-task=\"(t\\d+)\"").Select(m => m.Groups[1].Value).ToArray();

    private static string[] Tasks(IEnumerable<int> numbers) => numbers.Select(i => $"t{i}").ToArray();

    [Fact]
    public async Task The_record_page_shows_its_items_paged_filtered_searched_and_escaped()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var record = Record(key);
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Error);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        var path = $"/records/{record.Id}";
        async Task<string> Page(string query) => await http.GetStringAsync(path + query);

        var first = await Eventually.Get(() => http.GetAsync(path), r => r.StatusCode == HttpStatusCode.OK, "the record page");
        var html = await first.Content.ReadAsStringAsync();
        Assert.Equal(Tasks(Enumerable.Range(0, 50)), Shown(html));
        Assert.Contains("Items 1 to 50 of 120 matching (120 in the record), page 1 of 3.", html, StringComparison.Ordinal);
        Assert.Contains("failed 60", html, StringComparison.Ordinal);
        Assert.Contains("truncated 2", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/records/{record.Id}?page=2#items\"", html, StringComparison.Ordinal);
        // The long output is there whole, folded in a <details> cell.
        Assert.Contains("<details><summary>a long line of reasoning… (499 chars)</summary><pre class=\"item-text\">a long line of reasoning\na long line", html, StringComparison.Ordinal);
        // The hostile prompt is escaped, never markup.
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;item&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);

        Assert.Equal(Tasks(Enumerable.Range(50, 50)), Shown(await Page("?page=2")));
        Assert.Equal(Tasks(Enumerable.Range(100, 20)), Shown(await Page("?page=3")));

        var failed = await Page("?filter=failed");
        Assert.Equal(Tasks(Enumerable.Range(0, 50).Select(i => i * 2)), Shown(failed));
        // The pager keeps the filter; so does the search form.
        Assert.Contains($"href=\"/records/{record.Id}?filter=failed&amp;page=2#items\"", failed, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"filter\" value=\"failed\">", failed, StringComparison.Ordinal);
        Assert.Equal(Tasks(Enumerable.Range(50, 10).Select(i => i * 2)), Shown(await Page("?filter=failed&page=2")));

        var truncated = await Page("?filter=truncated");
        Assert.Equal(["t7", "t12"], Shown(truncated));
        Assert.Contains("length <span class=\"badge failed\">truncated</span>", truncated, StringComparison.Ordinal);

        Assert.Equal(["t21"], Shown(await Page("?q=needle")));
        Assert.Equal(["t21"], Shown(await Page("?filter=all&q=NEEDLE")));
        Assert.Empty(Shown(await Page("?filter=failed&q=needle")));
        Assert.Equal(["t3"], Shown(await Page("?q=" + Uri.EscapeDataString("<script>"))));
        var searched = await Page("?q=question+11");
        Assert.Equal(Tasks(new[] { 11 }.Concat(Enumerable.Range(110, 10))), Shown(searched));
        // Filter links keep the search.
        Assert.Contains($"href=\"/records/{record.Id}?filter=failed&amp;q=question%2011#items\"", searched, StringComparison.Ordinal);

        // Past the end: an empty page that says so and links back to the last page.
        var past = await Page("?filter=failed&page=9");
        Assert.Empty(Shown(past));
        Assert.Contains("Page 9 is past the end: 60 matching items fill 2 pages.", past, StringComparison.Ordinal);
        Assert.Contains($"href=\"/records/{record.Id}?filter=failed&amp;page=2#items\"", past, StringComparison.Ordinal);

        foreach (var bad in new[] { "?page=0", "?page=two", "?page=-3", "?filter=passed", "?filter=failed&filter=all", "?q=" + new string('x', 201) })
        {
            var answer = await http.GetAsync(path + bad);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Contains("Bad request", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
