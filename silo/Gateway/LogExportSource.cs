using System.Runtime.CompilerServices;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// The logged records in log order (shard by shard, index by index), read page by page from the store, each with the
/// tier its record grain reports: the cluster's authoritative tier, never a copy of the rule.
/// </summary>
public sealed class LogExportSource(ILogStore store, IGrainFactory grains, int shardCount)
{
    public const int Page = 256;

    public async IAsyncEnumerable<ExportRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancel = default)
    {
        for (var shard = 0; shard < shardCount; shard++)
        {
            await foreach (var page in store.ReadPagesAsync(shard, 0, Page, cancel))
            {
                var views = await Task.WhenAll(page.Select(e => grains.GetGrain<IRunRecordGrain>(e.RecordId).Get()));
                for (var i = 0; i < page.Count; i++)
                {
                    var tier = views[i] is { } view ? view.TrustTier : TrustTier.Signed;
                    yield return new ExportRecord(RunRecord.Parse(page[i].Json), tier, shard, page[i].Index);
                }
            }
        }
    }
}
