using LedgerCluster.Core.Log;

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

    /// <summary>Every checkpoint the shard signed, oldest first (for consistency checks and fsck).</summary>
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
}
