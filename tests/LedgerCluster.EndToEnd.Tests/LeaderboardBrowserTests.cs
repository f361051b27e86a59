using System.Text.RegularExpressions;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using Xunit.Abstractions;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// The hosted pages in a real headless chromium against a real node, with screenshots in tests/artifacts: the board's rows
/// and live updates; the case study's pair on /compare; a record's per-item table paged, filtered and searched; and the
/// board's rank ranges, protocol warnings and "compare with #1" links (issue 15).
/// </summary>
public sealed class LeaderboardBrowserTests(ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task The_page_shows_the_rows_and_updates_live_when_a_record_arrives()
    {
        using var dir = new TempDirectory();
        await using var node = await BoardRecords.StartNodeAsync(dir.Path);
        using var alice = Ed25519KeyPair.Generate();
        using var bob = Ed25519KeyPair.Generate();
        foreach (var name in new[] { "unit-conversions", "world-rivers" })
        {
            var benchmark = BoardRecords.Load(name);
            await BoardRecords.RegisterAsync(node, benchmark);
            var run = await BoardRecords.FixtureRunAsync(benchmark, alice, "alice@lab-a");
            Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(run))).Error);
            Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(BoardRecords.AlteredAndResigned(run, bob)))).Error);
        }

        using var browser = await Chromium.StartAsync();
        await using var page = await browser.NewPageAsync();
        await page.NavigateAsync(node.Url + "/");
        Assert.True(await page.WaitForAsync("document.querySelectorAll('#rows tr').length === 4"), "the page never showed the 4 logged records");
        Assert.True(await page.WaitForAsync("document.getElementById('live').classList.contains('on')"), "the page never connected to the event stream");
        Assert.True(await page.WaitForAsync("document.querySelectorAll('#rows .badge.reproduced').length === 2"), "the reproduced fixture runs never showed as reproduced");
        Assert.Equal(2, (await page.EvaluateAsync("document.querySelectorAll('#rows .badge.failed').length")).GetInt32());

        // A marker on the window survives only if the page is never reloaded.
        await page.EvaluateAsync("window.__sameDocument = 'yes'");
        var newcomer = TestRecords.Make(bob, 11, model: "newcomer");
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(newcomer))).Error);
        Assert.True(await page.WaitForAsync($"document.querySelector('#rows tr[data-record-id=\"{newcomer.Id}\"]') !== null"), "the new record never appeared without a reload");
        Assert.Equal("yes", (await page.EvaluateAsync("window.__sameDocument")).GetString());
        Assert.Equal(5, (await page.EvaluateAsync("document.querySelectorAll('#rows tr').length")).GetInt32());
        Assert.Contains("of 5 records", (await page.EvaluateAsync("document.getElementById('count').textContent")).GetString(), StringComparison.Ordinal);

        var artifacts = RepoPaths.Path("tests", "artifacts");
        var board = Path.Combine(artifacts, "leaderboard.png");
        await page.ScreenshotAsync(board);
        output.WriteLine($"screenshot: {board}");

        await page.EvaluateAsync("document.querySelector('#rows .badge.failed').closest('tr').querySelector('a.rid').click()");
        Assert.True(await page.WaitForAsync("location.pathname.startsWith('/records/') && document.getElementById('checks') !== null"), "the record link did not open the record page");
        Assert.Contains("FAILED", (await page.EvaluateAsync("document.getElementById('checks').textContent")).GetString(), StringComparison.Ordinal);
        Assert.Contains(".tlog-proof", (await page.EvaluateAsync("document.getElementById('proof').getAttribute('download')")).GetString(), StringComparison.Ordinal);
        var record = Path.Combine(artifacts, "record.png");
        await page.ScreenshotAsync(record);
        output.WriteLine($"screenshot: {record}");
    }
    [CaseStudyChromiumFact]
    public async Task The_compare_page_of_the_case_study_pair_shows_b_29_and_c_27_in_its_table_and_draws_the_chart()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var (instruct, winner) = (CaseStudyRecords.Instruct(key), CaseStudyRecords.Winner(key));
        foreach (var record in new[] { instruct, winner }) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);

        using var browser = await Chromium.StartAsync();
        await using var page = await browser.NewPageAsync();
        await page.NavigateAsync($"{node.Url}/compare?a={instruct.Id}&b={winner.Id}");
        Assert.True(await page.WaitForAsync("document.getElementById('paired-table') !== null"), "the compare page never showed its 2x2 table");

        // What a reader sees in the rendered table, not what the HTML source says.
        Assert.Equal("29 (b)", await Text(page, "#paired-table #only-a"));
        Assert.Equal("27 (c)", await Text(page, "#paired-table #only-b"));
        Assert.Equal("0.894", await Text(page, "#exact-p"));
        Assert.Contains("No significant difference", await Text(page, "#verdict"), StringComparison.Ordinal);
        // The four cells add up to the 199 items both scored (the winner's gsm8k-131 has no score).
        Assert.Equal(199, (await page.EvaluateAsync(
            "['both', 'only-a', 'only-b', 'neither'].map(id => parseInt(document.getElementById(id).textContent, 10)).reduce((a, b) => a + b, 0)")).GetInt32());
        // The chart is an inline SVG the browser laid out with a real size.
        Assert.True((await page.EvaluateAsync(
            "(() => { const s = document.querySelector('#chart svg'); if (!s) return false; const r = s.getBoundingClientRect(); return r.width > 100 && r.height > 50; })()")).GetBoolean(),
            "the chart's SVG is missing or has no size");

        await Screenshot(page, "compare.png");
    }

    [CaseStudyChromiumFact]
    public async Task The_record_page_item_table_pages_filters_failed_and_searches_in_the_browser()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var instruct = CaseStudyRecords.Instruct(key);
        Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(instruct))).Accepted);
        var failedCount = instruct.Body.Results.Count(r => !r.Passed);
        Assert.Equal((200, 62), (instruct.Body.Results.Count, failedCount));

        using var browser = await Chromium.StartAsync();
        await using var page = await browser.NewPageAsync();
        await page.NavigateAsync($"{node.Url}/records/{instruct.Id}");
        Assert.True(await page.WaitForAsync("document.querySelectorAll('#item-table tr.item').length === 50"), "the record page never showed its first 50 items");
        Assert.Equal("Items 1 to 50 of 200 matching (200 in the record), page 1 of 4.", await Text(page, "#item-summary"));
        Assert.Equal("gsm8k-000", await Attribute(page, "#item-table tr.item", "data-task"));
        // Each row shows what the model said next to what was expected.
        Assert.Equal("18", await Text(page, "#item-table tr.item td:nth-child(7)"));
        Assert.Equal("18", await Text(page, "#item-table tr.item td:nth-child(8)"));
        await Screenshot(page, "record-items.png");

        // Page 2 through the pager, as a reader clicks it.
        await page.EvaluateAsync("document.querySelector('#item-pager a[rel=next]').click()");
        Assert.True(await page.WaitForAsync("location.search.includes('page=2') && document.querySelector('#item-table tr.item')?.dataset.task === 'gsm8k-050'"),
            "the pager's next link did not show items 51 to 100");
        Assert.Equal("Items 51 to 100 of 200 matching (200 in the record), page 2 of 4.", await Text(page, "#item-summary"));
        await Screenshot(page, "record-items-page2.png");

        // The failed filter: every row shown failed, 62 in all over two pages.
        await page.EvaluateAsync("[...document.querySelectorAll('#item-filters a')].find(a => a.textContent.startsWith('failed')).click()");
        Assert.True(await page.WaitForAsync("location.search.includes('filter=failed') && document.getElementById('item-table') !== null"), "the failed filter did not open");
        Assert.Equal($"Items 1 to 50 of {failedCount} matching (200 in the record), page 1 of 2.", await Text(page, "#item-summary"));
        Assert.True((await page.EvaluateAsync(
            "[...document.querySelectorAll('#item-table tr.item')].every(tr => tr.querySelector('.badge.failed') !== null && tr.querySelector('.badge.ok') === null)")).GetBoolean(),
            "a row shown under the failed filter did not fail");
        Assert.Equal(50, (await page.EvaluateAsync("document.querySelectorAll('#item-table tr.item').length")).GetInt32());
        await Screenshot(page, "record-items-failed.png");

        // A search typed into the form, kept within the failed filter: what Instruct answered on gsm8k-002 (195000 for 70000).
        var expected = instruct.Body.Results.Where(r => !r.Passed && new[] { r.TaskId, r.Prompt, r.Output, r.Expected ?? "" }.Any(t => t.Contains("195000", StringComparison.Ordinal)))
            .Select(r => r.TaskId).ToArray();
        Assert.Contains("gsm8k-002", expected);
        await page.EvaluateAsync("(() => { const f = document.getElementById('item-search'); f.querySelector('input[name=q]').value = '195000'; f.requestSubmit(); })()");
        Assert.True(await page.WaitForAsync("location.search.includes('q=195000') && document.getElementById('item-summary') !== null"), "the search form did not submit");
        Assert.Equal(string.Join(',', expected), (await page.EvaluateAsync("[...document.querySelectorAll('#item-table tr.item')].map(tr => tr.dataset.task).join(',')")).GetString());
        Assert.Equal("failed", (await page.EvaluateAsync("new URLSearchParams(location.search).get('filter')")).GetString());
        Assert.Equal("195000", await Text(page, "#item-table tr.item td:nth-child(7)"));
        await Screenshot(page, "record-items-search.png");
    }

    /// <summary>
    /// Issue 15 "Done when", on the board page: the case study's pair shares a rank range, a max_tokens-only variant carries a
    /// protocol warning naming the setting, a clearly better (constructed) model has a range of its own, and each row below #1
    /// links to its comparison with #1. Selectors: each row's rank cell carries <c>data-rank-range="lo-hi"</c>, warnings are
    /// elements of class <c>protocol-warning</c>, the links are anchors of class <c>compare-top</c>.
    /// </summary>
    [CaseStudyChromiumFact(Skip = "enable after merging h15-board (issue 15 items 1-3): the board page shows rank ranges, protocol warnings and compare-with-#1 links there, not on main yet")]
    public async Task The_board_page_shows_rank_ranges_protocol_warnings_and_compare_with_first_links()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path);
        using var key = Ed25519KeyPair.Generate();
        var (instruct, winner) = (CaseStudyRecords.Instruct(key), CaseStudyRecords.Winner(key));
        var shortTokens = WithModel(instruct, instruct.Body.Model with { Params = new JObject { { "max_new_tokens", 300 }, { "temperature", 0.0 } } }, key);
        var better = ClearlyBetter(instruct, key);
        foreach (var record in new[] { instruct, winner, shortTokens, better }) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(record))).Accepted);

        using var browser = await Chromium.StartAsync();
        await using var page = await browser.NewPageAsync();
        await page.NavigateAsync(node.Url + "/");
        string Row(RunRecord r) => $"tr[data-record-id=\"{r.Id}\"]";
        Assert.True(await page.WaitForAsync(string.Join(" && ", new[] { instruct, winner, shortTokens, better }.Select(r => $"document.querySelector('{Row(r)}') !== null"))),
            "the board never showed the four records");
        Assert.True(await page.WaitForAsync($"document.querySelector('{Row(better)} [data-rank-range]') !== null"), "the rows carry no rank range");

        // The clearly better model ranks first on its own; the case study's pair cannot be told apart, so their ranges are the same span.
        Assert.Equal("1-1", await Attribute(page, $"{Row(better)} [data-rank-range]", "data-rank-range"));
        var (instructRange, winnerRange) = (await Attribute(page, $"{Row(instruct)} [data-rank-range]", "data-rank-range"),
            await Attribute(page, $"{Row(winner)} [data-rank-range]", "data-rank-range"));
        Assert.Equal(instructRange, winnerRange);
        var bounds = instructRange!.Split('-').Select(int.Parse).ToArray();
        Assert.True(bounds[0] >= 2 && bounds[1] > bounds[0], $"the pair's shared range {instructRange} should start below #1 and span more than one rank");
        Assert.Equal(instructRange, await Text(page, $"{Row(instruct)} [data-rank-range]"));

        // Only the variant is warned about, and the warning names the setting and both values.
        var warning = await Text(page, $"{Row(shortTokens)} .protocol-warning");
        Assert.Matches(new Regex("max_(new_)?tokens 300 vs 768"), warning);
        foreach (var plain in new[] { instruct, winner, better })
            Assert.Equal(0, (await page.EvaluateAsync($"document.querySelectorAll('{Row(plain)} .protocol-warning').length")).GetInt32());

        // Every row below #1 links to its comparison with #1; following one opens the paired audit.
        Assert.Equal(0, (await page.EvaluateAsync($"document.querySelectorAll('{Row(better)} a.compare-top').length")).GetInt32());
        foreach (var below in new[] { instruct, winner, shortTokens })
        {
            var href = await Attribute(page, $"{Row(below)} a.compare-top", "href");
            Assert.Contains("/compare?", href, StringComparison.Ordinal);
            Assert.Contains(better.Id, href, StringComparison.Ordinal);
            Assert.Contains(below.Id, href, StringComparison.Ordinal);
        }
        await Screenshot(page, "leaderboard-ranges.png");
        await page.EvaluateAsync($"document.querySelector('{Row(winner)} a.compare-top').click()");
        Assert.True(await page.WaitForAsync("location.pathname === '/compare' && document.getElementById('paired-table') !== null"), "compare with #1 did not open the compare page");
        await Screenshot(page, "leaderboard-compare-top.png");
    }

    // The same run under other model settings: same items, same outputs, same scores.
    private static RunRecord WithModel(RunRecord record, ModelInfo model, Ed25519KeyPair key)
    {
        var body = record.Body;
        return RunRecord.Create(RecordBody.Create(body.Benchmark, model, body.Runner, body.Results, body.Aggregate.Scorer), key, "case-study");
    }

    // A constructed model that answers every item Instruct scored: 62 more right than Instruct, far past chance.
    private static RunRecord ClearlyBetter(RunRecord instruct, Ed25519KeyPair key)
    {
        var body = instruct.Body;
        var results = body.Results.Select(r => r with { Output = r.Expected ?? r.Output, Score = 1.0, Passed = true }).ToList();
        return RunRecord.Create(RecordBody.Create(body.Benchmark, body.Model with { Name = "constructed-better" }, body.Runner, results, body.Aggregate.Scorer), key, "case-study");
    }

    private static async Task<string?> Text(CdpPage page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector('{selector}')?.textContent.trim() ?? null")).GetString();

    private static async Task<string?> Attribute(CdpPage page, string selector, string name) =>
        (await page.EvaluateAsync($"document.querySelector('{selector}')?.getAttribute('{name}') ?? null")).GetString();

    private async Task Screenshot(CdpPage page, string name)
    {
        var path = Path.Combine(RepoPaths.Path("tests", "artifacts"), name);
        await page.ScreenshotAsync(path);
        output.WriteLine($"screenshot: {path}");
    }
}
