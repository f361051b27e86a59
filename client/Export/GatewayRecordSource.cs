using System.Runtime.CompilerServices;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Export;

/// <summary>
/// The logged records of a cluster in log order, each with the tier and position the cluster gives it: the shards'
/// leaves (`GET /v1/shards/{n}/entries`, in pages), then `GET /v1/records/{id}` per leaf. For exports that need the
/// records themselves rather than the server-side training export.
/// </summary>
public sealed class GatewayRecordSource(LedgerGatewayClient client, string url)
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<ExportRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancel = default)
    {
        var shards = await GatewayOption.Call(url, () => client.GetShardsAsync(cancel));
        foreach (var shard in shards.OrderBy(s => s.Shard))
        {
            for (long from = 0; from < shard.Size; from += PageSize)
            {
                var page = await GatewayOption.Call(url, () => client.GetEntriesAsync(shard.Shard, from, PageSize, cancel));
                if (page.Count == 0) break;
                foreach (var leaf in page)
                {
                    var view = await GatewayOption.Call(url, () => client.GetRecordAsync(leaf.RecordId, cancel))
                               ?? throw new CliException($"gateway {url} lists record {leaf.RecordId} in shard {shard.Shard} but does not serve it");
                    yield return Read(view, shard.Shard, leaf.Index);
                }
            }
        }
    }

    private ExportRecord Read(JObject view, int shard, long index)
    {
        var tierName = view["tier"] is JString t ? t.Value : null;
        if (!TrustTiers.TryParse(tierName, out var tier) || view["record"] is not JObject json)
            throw new CliException($"gateway {url} answered GET /v1/records/{view["record_id"]} without a record and a tier");
        try { return new ExportRecord(RunRecord.Read(json), tier, shard, index); }
        catch (Exception e) when (e is RecordSchemaException or JsonParseException) { throw new CliException($"gateway {url} served a record that does not read: {e.Message}"); }
    }
}
