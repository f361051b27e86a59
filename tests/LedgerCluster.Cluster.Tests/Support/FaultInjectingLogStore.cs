using System.Collections.Concurrent;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Cluster.Tests.Support;

/// <summary>
/// A pass-through <see cref="ILogStore"/> around the real <see cref="SqliteLogStore"/>. A test can arm a one-shot fault for
/// the next append to one shard of one database: the fault receives the real commit and decides whether and when to run it.
/// Silos of a TestCluster share the process, so arming is static, keyed by database path.
/// </summary>
public sealed class FaultInjectingLogStore(ILogStore inner, string database) : ILogStore
{
    private static readonly ConcurrentDictionary<(string Database, int Shard), Func<Func<Task>, Task>> Faults = new();

    /// <summary>The next append to <paramref name="shard"/> of <paramref name="database"/> runs <paramref name="fault"/> instead of committing directly.</summary>
    public static void Arm(string database, int shard, Func<Func<Task>, Task> fault) =>
        Assert.True(Faults.TryAdd((database, shard), fault), $"a fault is already armed for shard {shard}");

    public static void Disarm(string database, int shard) => Faults.TryRemove((database, shard), out _);

    public Task AppendAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel = default)
    {
        Task Commit() => inner.AppendAsync(shard, expectedSize, entries, checkpoint, cancel);
        return Faults.TryRemove((database, shard), out var fault) ? fault(Commit) : Commit();
    }

    public Task InitializeAsync(CancellationToken cancel = default) => inner.InitializeAsync(cancel);

    public Task<ShardSnapshot> LoadShardAsync(int shard, CancellationToken cancel = default) => inner.LoadShardAsync(shard, cancel);

    public Task<IReadOnlyList<StoredRecord>> ReadEntriesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default) =>
        inner.ReadEntriesAsync(shard, fromIndex, count, cancel);

    public Task<StoredRecord?> GetRecordAsync(string recordId, CancellationToken cancel = default) => inner.GetRecordAsync(recordId, cancel);

    public Task<IReadOnlyList<StoredCheckpoint>> GetCheckpointsAsync(int shard, CancellationToken cancel = default) => inner.GetCheckpointsAsync(shard, cancel);

    public Task<LedgerCluster.Core.Log.LogInvariants?> GetInvariantsAsync(CancellationToken cancel = default) => inner.GetInvariantsAsync(cancel);

    public Task<LedgerCluster.Core.Log.LogInvariants> KeepInvariantsAsync(LedgerCluster.Core.Log.LogInvariants invariants, CancellationToken cancel = default) =>
        inner.KeepInvariantsAsync(invariants, cancel);

    public Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancel = default) => inner.GetOrCreateSecretAsync(name, create, cancel);

    public Task ProbeWriteAsync(CancellationToken cancel = default) => inner.ProbeWriteAsync(cancel);

    public Task<StoredHead> LoadHeadAsync(int shard, CancellationToken cancel = default) => inner.LoadHeadAsync(shard, cancel);

    public Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default) =>
        inner.ReadLeavesAsync(shard, fromIndex, count, cancel);

    public Task<IReadOnlyList<byte[]>> ReadTreeHashesAsync(int shard, int level, long fromIndex, int count, CancellationToken cancel = default) =>
        inner.ReadTreeHashesAsync(shard, level, fromIndex, count, cancel);

    public Task<IReadOnlyList<StoredPosition?>> FindAsync(IReadOnlyList<byte[]> recordIds, CancellationToken cancel = default) => inner.FindAsync(recordIds, cancel);
}
