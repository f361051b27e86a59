using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Notes;
using LedgerCluster.Grains.Log;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Fsck;

/// <summary>
/// `ledger fsck --data`: the log straight from an <see cref="ILogStore"/>, no silo running. Leaves come with their
/// records' JSON, and each shard's verifier key is derived from the log key kept in the store.
/// </summary>
public sealed class LogStoreSource(ILogStore store, string description, int shardCount, string originPrefix = ShardOrigin.DefaultPrefix) : ILedgerSource
{
    public string Description => description;

    // Pages carry whole records (up to a few MB each); keep a page's memory bounded.
    public int PageSize => 256;

    public async Task<IReadOnlyList<ShardHead>> GetShardsAsync(CancellationToken cancel = default)
    {
        var heads = new List<ShardHead>(shardCount);
        for (var shard = 0; shard < shardCount; shard++)
        {
            var origin = ShardOrigin.For(originPrefix, shard);
            var seed = await store.TryGetSecretAsync(ShardSigner.SecretName(origin), cancel);
            heads.Add(new ShardHead(shard, origin, seed is null ? null : VerifierKey(origin, seed)));
        }
        return heads;
    }

    public async Task<IReadOnlyList<CheckpointRow>> GetCheckpointsAsync(int shard, CancellationToken cancel = default) =>
        (await store.GetCheckpointsAsync(shard, cancel)).Select(c => new CheckpointRow(c.Size, c.Root, c.Note)).ToList();

    public async Task<IReadOnlyList<LeafRow>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default) =>
        (await store.ReadEntriesAsync(shard, fromIndex, count, cancel)).Select(e => new LeafRow(e.Index, e.RecordId, e.Json)).ToList();

    public Task<byte[][]?> GetConsistencyProofAsync(int shard, long fromSize, long toSize, CancellationToken cancel = default) =>
        Task.FromResult<byte[][]?>(null);

    private static NoteVerifierKey VerifierKey(string origin, byte[] seed)
    {
        using var key = Ed25519KeyPair.FromSeed(seed);
        return NoteVerifierKey.Create(origin, NoteKeyType.Ed25519, key.PublicKey);
    }
}
