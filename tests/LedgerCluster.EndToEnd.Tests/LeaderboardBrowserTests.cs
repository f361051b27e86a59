using LedgerCluster.Core.Crypto;
using Xunit.Abstractions;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The hosted page in a real headless chromium against a real node: rows, a live update without reload, screenshots.</summary>
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
        Assert.True(await page.WaitForAsync("document.querySelectorAll('#rows tr[data-record-id]').length === 4"), "the page never showed the 4 logged records");
        Assert.True(await page.WaitForAsync("document.getElementById('live').classList.contains('on')"), "the page never connected to the event stream");
        Assert.True(await page.WaitForAsync("document.querySelectorAll('#rows .badge.reproduced').length === 2"), "the reproduced fixture runs never showed as reproduced");
        Assert.Equal(2, (await page.EvaluateAsync("document.querySelectorAll('#rows .badge.failed').length")).GetInt32());

        // A marker on the window survives only if the page is never reloaded.
        await page.EvaluateAsync("window.__sameDocument = 'yes'");
        var newcomer = TestRecords.Make(bob, 11, model: "newcomer");
        Assert.Null((await node.Client.SubmitAsync(TestRecords.Bytes(newcomer))).Error);
        Assert.True(await page.WaitForAsync($"document.querySelector('#rows tr[data-record-id=\"{newcomer.Id}\"]') !== null"), "the new record never appeared without a reload");
        Assert.Equal("yes", (await page.EvaluateAsync("window.__sameDocument")).GetString());
        Assert.Equal(5, (await page.EvaluateAsync("document.querySelectorAll('#rows tr[data-record-id]').length")).GetInt32());
        // Grouped by benchmark board: e2e, unit-conversions, world-rivers, each with its heading and power line.
        Assert.Equal(3, (await page.EvaluateAsync("document.querySelectorAll('#rows tr.group-head').length")).GetInt32());
        Assert.Equal(3, (await page.EvaluateAsync("document.querySelectorAll('#rows tr.group-power td.power').length")).GetInt32());
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
}
