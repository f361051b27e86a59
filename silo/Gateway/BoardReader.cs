using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// Reads one page of the board: the overall board's catalog says which benchmark boards (content hashes) the view holds,
/// in order, and how many rows each has; the page is assembled from the slices of only the boards it covers, read in
/// parallel from their snapshots, so a page costs its rows. `?benchmark=ID` keeps that id's boards (one group per content
/// hash); an id the log does not hold gets an empty page without activating a board for it.
/// </summary>
public static class BoardReader
{
    /// <param name="catalog">The overall board's catalog when the caller already holds it (else it is asked for).</param>
    public static async Task<BoardView> GetPageAsync(IGrainFactory grains, BoardQuery query, int limit, IReadOnlyList<BoardCatalogEntry>? catalog = null)
    {
        catalog ??= await grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetCatalog();
        var groups = catalog.Where(c => query.Benchmark is null || c.BenchmarkId == query.Benchmark).ToArray();
        var total = groups.Sum(c => c.Count);
        var slices = new List<(string Hash, int Offset, int Limit)>();
        long skip = query.Offset, left = Math.Max(0, limit);
        foreach (var group in groups)
        {
            if (left == 0) break;
            if (skip >= group.Count)
            {
                skip -= group.Count;
                continue;
            }
            var take = (int)Math.Min(left, group.Count - skip);
            slices.Add((group.BenchmarkHash, (int)skip, take));
            (skip, left) = (0, left - take);
        }
        var pages = await Task.WhenAll(slices.Select(s => grains.GetGrain<IBenchmarkBoardGrain>(s.Hash).GetPage(s.Offset, s.Limit, query.Trust)));
        return new BoardView([.. pages.SelectMany(p => p.Entries)], total, [.. pages.Select(p => p.Group).OfType<BoardGroup>()]);
    }
}
