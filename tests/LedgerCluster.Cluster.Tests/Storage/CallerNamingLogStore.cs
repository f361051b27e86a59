using LedgerCluster.Core.Log;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// A pass-through <see cref="ILogStore"/> that names, for <see cref="AzureRequestLog"/>, the method each storage request
/// serves: a test can then tell what a shard's activation read from what other grains (the reproduction queue, the board)
/// read at the same time. Every member is forwarded, the optional ones too, so the inner store's own versions run.
/// </summary>
public sealed class CallerNamingLogStore(ILogStore inner) : ILogStore
{
    private static async Task<T> Named<T>(string caller, Func<Task<T>> call)
    {
        // Set inside this async method: it flows into the call and is gone again for our caller.
        AzureRequestLog.NameCaller(caller);
        return await call();
    }

    private static async Task Named(string caller, Func<Task> call)
    {
        AzureRequestLog.NameCaller(caller);
        await call();
    }

    public Task InitializeAsync(CancellationToken cancel = default) => Named(nameof(InitializeAsync), () => inner.InitializeAsync(cancel));

    public Task<ShardSnapshot> LoadShardAsync(int shard, CancellationToken cancel = default) => Named(nameof(LoadShardAsync), () => inner.LoadShardAsync(shard, cancel));

    public Task AppendAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel = default) =>
        Named(nameof(AppendAsync), () => inner.AppendAsync(shard, expectedSize, entries, checkpoint, cancel));

    public Task<IReadOnlyList<StoredRecord>> ReadEntriesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default) =>
        Named(nameof(ReadEntriesAsync), () => inner.ReadEntriesAsync(shard, fromIndex, count, cancel));

    public Task<StoredRecord?> GetRecordAsync(string recordId, CancellationToken cancel = default) => Named(nameof(GetRecordAsync), () => inner.GetRecordAsync(recordId, cancel));

    public Task<IReadOnlyList<StoredCheckpoint>> GetCheckpointsAsync(int shard, CancellationToken cancel = default) =>
        Named(nameof(GetCheckpointsAsync), () => inner.GetCheckpointsAsync(shard, cancel));

    public Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancel = default) =>
        Named(nameof(GetOrCreateSecretAsync), () => inner.GetOrCreateSecretAsync(name, create, cancel));

    public Task ProbeWriteAsync(CancellationToken cancel = default) => Named(nameof(ProbeWriteAsync), () => inner.ProbeWriteAsync(cancel));

    public Task<LogInvariants?> GetInvariantsAsync(CancellationToken cancel = default) => Named(nameof(GetInvariantsAsync), () => inner.GetInvariantsAsync(cancel));

    public Task<LogInvariants> KeepInvariantsAsync(LogInvariants invariants, CancellationToken cancel = default) =>
        Named(nameof(KeepInvariantsAsync), () => inner.KeepInvariantsAsync(invariants, cancel));

    public Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default) =>
        Named(nameof(ReadLeavesAsync), () => inner.ReadLeavesAsync(shard, fromIndex, count, cancel));

    public Task<byte[]?> TryGetSecretAsync(string name, CancellationToken cancel = default) => Named(nameof(TryGetSecretAsync), () => inner.TryGetSecretAsync(name, cancel));

    public Task<StoredHead> LoadHeadAsync(int shard, CancellationToken cancel = default) => Named(nameof(LoadHeadAsync), () => inner.LoadHeadAsync(shard, cancel));

    public Task<IReadOnlyList<byte[]>> ReadTreeHashesAsync(int shard, int level, long fromIndex, int count, CancellationToken cancel = default) =>
        Named(nameof(ReadTreeHashesAsync), () => inner.ReadTreeHashesAsync(shard, level, fromIndex, count, cancel));

    public Task<IReadOnlyList<StoredPosition?>> FindAsync(IReadOnlyList<byte[]> recordIds, CancellationToken cancel = default) =>
        Named(nameof(FindAsync), () => inner.FindAsync(recordIds, cancel));
}
