using LedgerCluster.Grains.Storage;
using Orleans.Storage;

namespace LedgerCluster.Core.Tests.Log;

/// <summary>The embedded store's combined commits: many shards' appends in one transaction, each still all-or-nothing.</summary>
public sealed class SqliteLogStoreTests
{
    [Fact]
    public async Task Concurrent_appends_of_many_shards_all_land_in_order()
    {
        using var dir = new TempDir();
        using var store = new SqliteLogStore(dir.File("ledger.db"));
        const int shards = 4, rounds = 25, perBatch = 7;
        await Task.WhenAll(Enumerable.Range(0, shards).Select(async shard =>
        {
            for (var round = 0; round < rounds; round++)
                await store.AppendAsync(shard, round * perBatch, Entries(shard, round * perBatch, perBatch), Checkpoint((round + 1) * perBatch));
        }));
        for (var shard = 0; shard < shards; shard++)
        {
            var snapshot = await store.LoadShardAsync(shard);
            Assert.Equal(rounds * perBatch, snapshot.RecordIds.Count);
            Assert.Equal(rounds * perBatch, snapshot.Latest!.Size);
            Assert.Equal(Id(shard, 5), snapshot.RecordIds[5]);
            Assert.Equal(rounds, (await store.GetCheckpointsAsync(shard)).Count);
        }
    }

    [Fact]
    public async Task A_stale_or_duplicate_append_is_refused_alone_and_leaves_nothing_behind()
    {
        using var dir = new TempDir();
        using var store = new SqliteLogStore(dir.File("ledger.db"));
        await store.AppendAsync(0, 0, Entries(0, 0, 3), Checkpoint(3));

        // Queued together: a stale size for shard 0, a record already in shard 0 sent to shard 1, and a good append.
        var stale = store.AppendAsync(0, 1, Entries(0, 1, 2), Checkpoint(3));
        var duplicate = store.AppendAsync(1, 0, [new StoredEntry(0, Id(0, 2), "{}"u8.ToArray()), new StoredEntry(1, Id(1, 1), "{}"u8.ToArray())], Checkpoint(2));
        var good = store.AppendAsync(2, 0, Entries(2, 0, 2), Checkpoint(2));

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        await Assert.ThrowsAsync<InconsistentStateException>(() => duplicate);
        await good;
        Assert.Equal(3, (await store.LoadShardAsync(0)).RecordIds.Count);
        Assert.Empty((await store.LoadShardAsync(1)).RecordIds);
        Assert.Empty(await store.GetCheckpointsAsync(1));
        Assert.Equal(2, (await store.LoadShardAsync(2)).RecordIds.Count);

        // The refused shard can append afterwards at its true size.
        await store.AppendAsync(1, 0, Entries(1, 0, 2), Checkpoint(2));
        Assert.Equal(2, (await store.LoadShardAsync(1)).RecordIds.Count);
    }

    private static List<StoredEntry> Entries(int shard, long from, int count) =>
        Enumerable.Range(0, count).Select(i => new StoredEntry(from + i, Id(shard, from + i), System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{from + i}}}"))).ToList();

    private static byte[] Id(int shard, long index) =>
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{shard}/{index}"));

    private static StoredCheckpoint Checkpoint(long size) => new(size, new byte[32], $"checkpoint {size}\n");
}
