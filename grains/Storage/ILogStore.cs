using LedgerCluster.Core.Log;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// Durable storage of the sharded log. Appends are conditional on the shard's current size, so two
/// activations of one shard (possible for a moment after a silo dies) can never fork it: the loser gets an
/// <see cref="Orleans.Storage.InconsistentStateException"/> and reloads.
/// </summary>
public interface ILogStore
{
    Task InitializeAsync(CancellationToken cancel = default);

    Task<ShardSnapshot> LoadShardAsync(int shard, CancellationToken cancel = default);

    /// <summary>Atomically appends entries starting at <paramref name="expectedSize"/> together with the checkpoint that covers them.</summary>
    Task AppendAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel = default);

    /// <summary>Up to <paramref name="count"/> entries of a shard from <paramref name="fromIndex"/>, in order.</summary>
    Task<IReadOnlyList<StoredRecord>> ReadEntriesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default);

    Task<StoredRecord?> GetRecordAsync(string recordId, CancellationToken cancel = default);

    /// <summary>
    /// The checkpoints the shard keeps, oldest first (for consistency checks and fsck): a store may thin its history as long as
    /// it keeps the latest (the SQLite store keeps one per 1/256 of the size; docs/log-storage.md).
    /// </summary>
    Task<IReadOnlyList<StoredCheckpoint>> GetCheckpointsAsync(int shard, CancellationToken cancel = default);

    /// <summary>Returns the secret stored under <paramref name="name"/>, storing <paramref name="create"/>'s value first if there is none (first writer wins).</summary>
    Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancel = default);

    /// <summary>
    /// Durably writes one small probe row, the way an append writes, and throws what such a write throws (disk full,
    /// read-only, unreachable): readiness asks this, so it fails while writes fail and recovers with them.
    /// </summary>
    Task ProbeWriteAsync(CancellationToken cancel = default);

    /// <summary>The log's invariants as kept with the data, or null for a store that keeps none yet (new, or written before they were kept).</summary>
    Task<LogInvariants?> GetInvariantsAsync(CancellationToken cancel = default);

    /// <summary>Keeps <paramref name="invariants"/> unless some are kept already (first writer wins); returns the ones kept.</summary>
    Task<LogInvariants> KeepInvariantsAsync(LogInvariants invariants, CancellationToken cancel = default);

    // The two reads below serve the entries API and `ledger fsck`. They have defaults so a store written before
    // them still compiles; a store should override both (the first reads whole records only to drop them).

    /// <summary>Up to <paramref name="count"/> leaves of a shard from <paramref name="fromIndex"/>, in order, without the records' JSON.</summary>
    async Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default) =>
        (await ReadEntriesAsync(shard, fromIndex, count, cancel)).Select(e => new StoredLeaf(e.Index, Convert.FromHexString(e.RecordId))).ToList();

    /// <summary>The secret stored under <paramref name="name"/>, or null; never creates one (an audit must not mint shard keys).</summary>
    Task<byte[]?> TryGetSecretAsync(string name, CancellationToken cancel = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot read a secret without creating it");

    // The three reads below let a shard run without holding its leaves: it resumes from the head and its right edge, proves
    // from tiles, and finds duplicates through the store's index. The defaults derive them from the reads above (correct
    // for any store, but proportional to the log); a store should override them with bounded reads.

    /// <summary>How many leaves the shard holds and its latest checkpoint, without reading the leaves.</summary>
    async Task<StoredHead> LoadHeadAsync(int shard, CancellationToken cancel = default)
    {
        var snapshot = await LoadShardAsync(shard, cancel);
        return new StoredHead(snapshot.RecordIds.Count, snapshot.Latest);
    }

    /// <summary>
    /// Up to <paramref name="count"/> tile hashes of <paramref name="level"/> (>= 1) from <paramref name="fromIndex"/>: hash i is the
    /// root of leaves [i·256^level, (i+1)·256^level), as the appends' <see cref="StoredCheckpoint.TreeHashes"/> gave them.
    /// </summary>
    async Task<IReadOnlyList<byte[]>> ReadTreeHashesAsync(int shard, int level, long fromIndex, int count, CancellationToken cancel = default)
    {
        if (level < 1 || level > 7) throw new ArgumentOutOfRangeException(nameof(level), level, "tile hash levels are 1 to 7");
        var span = 1L << (8 * level);
        var hashes = new List<byte[]>(count);
        for (var i = fromIndex; i < fromIndex + count; i++)
        {
            var leaves = new List<StoredLeaf>();
            while (leaves.Count < span)
            {
                var page = await ReadLeavesAsync(shard, i * span + leaves.Count, (int)Math.Min(4096, span - leaves.Count), cancel);
                if (page.Count == 0) return hashes;
                leaves.AddRange(page);
            }
            hashes.Add(TreeEdge.FoldPerfect(leaves.Select(l => MerkleHash.LeafHash(l.RecordId)).ToList(), 0, (int)span));
        }
        return hashes;
    }

    /// <summary>
    /// True when <see cref="AppendAsync"/> refuses records already stored with <see cref="RecordsAlreadyStoredException"/>
    /// (naming where each is) before committing anything, at no extra cost: the shard then skips its lookup before
    /// appending and resolves the rare duplicate from the refusal. Where a lookup is cheap (SQLite) it stays false.
    /// </summary>
    bool FindsDuplicatesOnAppend => false;

    /// <summary>Where each of <paramref name="recordIds"/> (raw 32 bytes) is stored, or null: a lookup in the store's index.</summary>
    async Task<IReadOnlyList<StoredPosition?>> FindAsync(IReadOnlyList<byte[]> recordIds, CancellationToken cancel = default)
    {
        var found = new StoredPosition?[recordIds.Count];
        for (var i = 0; i < recordIds.Count; i++)
            found[i] = await GetRecordAsync(Convert.ToHexStringLower(recordIds[i]), cancel) is { } r ? new StoredPosition(r.Shard, r.Index) : null;
        return found;
    }
}
