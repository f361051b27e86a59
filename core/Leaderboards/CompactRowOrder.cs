namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// The order of <see cref="BoundedBoard{T}"/> (tier on a trust board, then accuracy, then record id) over
/// <see cref="CompactRow"/>s, which carry only the first 8 bytes of their ids: rows that tie on tier, accuracy and prefix
/// (rare: two ids agreeing in 64 bits, or one record told twice) get their full ids from <c>idsOf</c> and are ordered by
/// them exactly. Rows at the same log position are one record: only the first is kept (an unmarked one before one marked
/// <see cref="CompactRow.Arrived"/>, so a record already on the board is not told again).
/// </summary>
public static class CompactRowOrder
{
    /// <summary>Tier (when <paramref name="trust"/>), accuracy, id prefix: 0 only where the full ids must decide.</summary>
    public static int Compare(in CompactRow x, in CompactRow y, bool trust)
    {
        var c = trust ? ((int)y.Tier).CompareTo((int)x.Tier) : 0;
        if (c == 0) c = y.Accuracy.CompareTo(x.Accuracy);
        return c != 0 ? c : x.IdPrefix.CompareTo(y.IdPrefix);
    }

    /// <summary>
    /// Sorts <paramref name="rows"/> in place and returns how many rows, one per position, now lead it (what lies past
    /// them is left over from dropped copies). <paramref name="idsOf"/> answers the full record ids of the rows given, in their order.
    /// </summary>
    public static async Task<int> SortAsync(CompactRow[] rows, bool trust, Func<IReadOnlyList<CompactRow>, Task<IReadOnlyList<string>>> idsOf)
    {
        // Position last makes copies of one record adjacent, a copy not marked arrived first.
        Array.Sort(rows, (x, y) =>
        {
            var c = Compare(x, y, trust);
            if (c == 0) c = x.Position.CompareTo(y.Position);
            if (c == 0) c = x.Arrived.CompareTo(y.Arrived);
            return c != 0 ? c : x.Packed.CompareTo(y.Packed);
        });
        var count = Deduplicate(rows, 0, rows.Length);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && Compare(rows[start], rows[end], trust) == 0) end++;
            if (end - start > 1)
            {
                var run = rows[start..end];
                var ids = await idsOf(run);
                var order = Enumerable.Range(0, run.Length).OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();
                for (var i = 0; i < order.Length; i++) rows[start + i] = run[order[i]];
            }
            start = end;
        }
        return count;
    }

    // Within [from, to) of a sorted array, keeps the first row of each position; returns the new end.
    private static int Deduplicate(CompactRow[] rows, int from, int to)
    {
        if (to - from < 2) return to;
        var write = from + 1;
        for (var read = from + 1; read < to; read++)
        {
            // Copies tie on everything but the marks, so they are adjacent: only the previous kept row can share the position.
            if (rows[read].Position == rows[write - 1].Position) continue;
            rows[write++] = rows[read];
        }
        // Duplicates are dropped; the tail past the returned count is garbage the caller ignores.
        return write;
    }
}
