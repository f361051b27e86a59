using System.Net;
using System.Net.Http.Json;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A board whose rows live in files swaps its snapshot (and so its file) at every ranking while records keep arriving:
/// reads under way hold a lease on the rows they page through, so no read, deep or shallow, in trust or accuracy order,
/// ever meets a closed file, and every page is whole.
/// </summary>
public sealed class BoardSpillUnderLoadTests
{
    private const int Records = 3000;

    [Fact]
    public async Task Reads_during_rankings_of_a_spilled_board_all_succeed_with_whole_pages()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.Path, configure: o => o.BoardRowsInMemory = 0);
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, Records).Select(n => TestRecords.OnBoard(key, "spill", n, passed: n % 7, items: 6)).ToList();
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };

        var ingest = Task.Run(async () =>
        {
            foreach (var chunk in records.Chunk(100))
                Assert.All(await node.Client.SubmitBatchAsync(chunk.Select(TestRecords.Bytes)), s => Assert.True(s.Accepted));
        });
        // Four readers at once, so reads overlap the rankings' swaps.
        var readers = Enumerable.Range(0, 4).Select(seed => Task.Run(async () =>
        {
            var random = new Random(seed);
            for (var reads = 0; !ingest.IsCompleted || reads < 20; reads++)
            {
                var trust = random.Next(2) == 0 ? "true" : "false";
                var (offset, limit) = random.Next(3) switch { 0 => (0, 50), 1 => (random.Next(0, Records), 40), _ => (250, 500) };
                using var response = await http.GetAsync($"/v1/leaderboard?benchmark=spill&trust={trust}&offset={offset}&limit={limit}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single());
                var rows = (await response.Content.ReadFromJsonAsync(LedgerApiJson.Wire.LeaderboardRowArray))!;
                Assert.Equal(Math.Clamp(total - offset, 0, limit), rows.Length);
                Assert.Equal(Enumerable.Range(offset + 1, rows.Length), rows.Select(r => r.Rank));
            }
        })).ToArray();
        await Task.WhenAll(readers);
        await ingest;

        // Settled: every record on the board once, in both orders.
        for (var attempt = 0; attempt < 300 && (await node.Client.GetLeaderboardRowsAsync("spill")).Length < Records; attempt++) await Task.Delay(100);
        foreach (var trust in new[] { true, false })
        {
            var all = await node.Client.GetLeaderboardRowsAsync("spill", trust);
            Assert.Equal(records.Select(r => r.Id).Order(StringComparer.Ordinal), all.Select(r => r.RecordId).Order(StringComparer.Ordinal));
        }
        // Unlinked at once, and closed with their last lease: once a ranking still under way (a late witness) is done, only
        // the two current snapshots (trust and accuracy order) hold a row file, however many rankings ran.
        var spill = Path.Combine(dir.Path, "board-rows");
        var (linked, open) = (-1, -1);
        for (var attempt = 0; attempt < 100 && (linked != 0 || open > 2); attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            (linked, open) = (Directory.GetFiles(spill).Length, OpenRowFiles(spill));
        }
        Assert.Equal(0, linked);
        Assert.InRange(open, 1, 2);
    }

    // This process's open files in the folder (tests running beside this one open and close others meanwhile).
    private static int OpenRowFiles(string folder) =>
        new DirectoryInfo("/proc/self/fd").GetFileSystemInfos().Count(fd =>
        {
            try { return fd.LinkTarget is { } target && target.StartsWith(folder + "/", StringComparison.Ordinal); }
            catch (IOException) { return false; }
        });
}
