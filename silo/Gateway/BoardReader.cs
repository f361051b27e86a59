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
        var (slices, total) = await SlicesAsync(grains, query, limit, catalog);
        var pages = await Task.WhenAll(slices.Select(s => grains.GetGrain<IBenchmarkBoardGrain>(s.Hash).GetPage(s.Offset, s.Limit, query.Trust)));
        return new BoardView([.. pages.SelectMany(p => p.Entries)], total, [.. pages.Select(p => p.Group).OfType<BoardGroup>()]);
    }

    /// <summary>The groups of the boards a page covers, each asked for its group alone: no row is read.</summary>
    public static async Task<BoardGroup[]> GetGroupsAsync(IGrainFactory grains, BoardQuery query)
    {
        var (slices, _) = await SlicesAsync(grains, query, query.Limit, null);
        var pages = await Task.WhenAll(slices.Select(s => grains.GetGrain<IBenchmarkBoardGrain>(s.Hash).GetPage(s.Offset, 0, query.Trust)));
        return [.. pages.Select(p => p.Group).OfType<BoardGroup>()];
    }

    // Which rows of which boards, in view order, lie in [offset, offset + limit).
    private static async Task<(List<(string Hash, int Offset, int Limit)> Slices, int Total)> SlicesAsync(IGrainFactory grains, BoardQuery query, int limit,
        IReadOnlyList<BoardCatalogEntry>? catalog)
    {
        catalog ??= await grains.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetCatalog();
        var groups = catalog.Where(c => query.Benchmark is null || c.BenchmarkId == query.Benchmark).ToArray();
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
        return (slices, groups.Sum(c => c.Count));
    }
}
