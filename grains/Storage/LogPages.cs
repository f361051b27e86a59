using System.Runtime.CompilerServices;

namespace LedgerCluster.Grains.Storage;

/// <summary>A shard's entries from an index to its end, a page at a time: the loop every full read of the log runs.</summary>
public static class LogPages
{
    /// <summary>Pages of up to <paramref name="pageSize"/> entries from <paramref name="from"/> on; the last one is short (maybe empty).</summary>
    public static async IAsyncEnumerable<IReadOnlyList<StoredRecord>> ReadPagesAsync(this ILogStore store, int shard, long from, int pageSize,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        for (; ; from += pageSize)
        {
            var page = await store.ReadEntriesAsync(shard, from, pageSize, cancel);
            yield return page;
            if (page.Count < pageSize) yield break;
        }
    }
}
