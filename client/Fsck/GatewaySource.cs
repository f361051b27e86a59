using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Client.Fsck;

/// <summary>
/// `ledger fsck --gateway`: the log as a running cluster serves it. Leaves are record ids only (the records' own
/// integrity is checked offline, with `--data`), and consistency proofs are the ones the gateway serves, so they are
/// checked for real rather than derived.
/// </summary>
public sealed class GatewaySource(LedgerGatewayClient client) : ILedgerSource
{
    public string Description => $"gateway {client.BaseAddress}";

    public int PageSize => 1000;

    public async Task<IReadOnlyList<ShardHead>> GetShardsAsync(CancellationToken cancel = default)
    {
        var shards = await client.GetShardsAsync(cancel);
        var heads = new List<ShardHead>(shards.Count);
        foreach (var shard in shards.OrderBy(s => s.Shard))
        {
            // The vkey is the gateway's own claim; a bad one is a finding (every signature then fails), not a crash.
            NoteVerifierKey.TryParse(shard.VerifierKey, out var key);
            heads.Add(new ShardHead(shard.Shard, shard.Origin, key, await client.GetCheckpointAsync(shard.Shard, cancel)));
        }
        return heads;
    }

    public async Task<IReadOnlyList<CheckpointRow>> GetCheckpointsAsync(int shard, CancellationToken cancel = default) =>
        (await client.GetCheckpointsAsync(shard, cancel)).Select(c => new CheckpointRow(c.Size, c.Root, c.Note)).ToList();

    public async Task<IReadOnlyList<LeafRow>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default)
    {
        // The gateway lists leaves only up to the shard's signed size and refuses a start past it: past the end is empty.
        try
        {
            return (await client.GetEntriesAsync(shard, fromIndex, count, cancel)).Select(e => new LeafRow(e.Index, e.RecordId)).ToList();
        }
        catch (GatewayException e) when (e.Status == System.Net.HttpStatusCode.BadRequest && e.Error == "bad_range")
        {
            return [];
        }
    }

    public async Task<byte[][]?> GetConsistencyProofAsync(int shard, long fromSize, long toSize, CancellationToken cancel = default) =>
        await client.GetConsistencyProofAsync(shard, fromSize, toSize, cancel);
}
