using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Storage.Azure;
using LedgerCluster.Tests.Shared;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// The <see cref="ILogStore"/> contract, run against every implementation: conditional appends (never a fork), no duplicate
/// record ids, reads, checkpoint history, first-writer-wins secrets, and a restart (a new store on the same storage).
/// </summary>
public abstract class LogStoreConformance
{
    /// <summary>A new store instance on this test's storage (fresh per test class instance; several calls share it, like silos).</summary>
    protected abstract ILogStore OpenStore();

    private static byte[] NewId() => RandomNumberGenerator.GetBytes(32);

    private static List<StoredEntry> Entries(long start, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var id = NewId();
            return new StoredEntry(start + i, id, Encoding.UTF8.GetBytes($"{{\"id\":\"{Convert.ToHexStringLower(id)}\",\"n\":{start + i}}}"));
        }).ToList();

    private static StoredCheckpoint Checkpoint(long size, string tag = "") => new(size, SHA256.HashData(Encoding.UTF8.GetBytes($"root {size} {tag}")), $"note {size} {tag}\n");

    private static async Task<List<StoredEntry>> AppendAsync(ILogStore store, int shard, long start, int count, string tag = "")
    {
        var entries = Entries(start, count);
        await store.AppendAsync(shard, start, entries, Checkpoint(start + count, tag));
        return entries;
    }

    private static void AssertCheckpoint(StoredCheckpoint expected, StoredCheckpoint? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.Root, actual.Root);
        Assert.Equal(expected.Note, actual.Note);
    }

    [StorageFact]
    public async Task EmptyShard_LoadsEmpty()
    {
        var store = OpenStore();
        await store.InitializeAsync();
        var snapshot = await store.LoadShardAsync(3);
        Assert.Empty(snapshot.RecordIds);
        Assert.Null(snapshot.Latest);
        Assert.Empty(await store.GetCheckpointsAsync(3));
        Assert.Empty(await store.ReadEntriesAsync(3, 0, 10));
    }

    [StorageFact]
    public async Task Appends_LoadReadAndFind()
    {
        var store = OpenStore();
        var first = await AppendAsync(store, 0, 0, 5);
        var second = await AppendAsync(store, 0, 5, 3);
        var other = await AppendAsync(store, 1, 0, 2);
        var all = first.Concat(second).ToList();

        var snapshot = await store.LoadShardAsync(0);
        Assert.Equal(all.Select(e => e.RecordId), snapshot.RecordIds);
        AssertCheckpoint(Checkpoint(8), snapshot.Latest);
        Assert.Equal(other.Select(e => e.RecordId), (await store.LoadShardAsync(1)).RecordIds);

        var read = await store.ReadEntriesAsync(0, 3, 4);
        Assert.Equal([3L, 4, 5, 6], read.Select(r => r.Index));
        Assert.All(read, r => Assert.Equal(0, r.Shard));
        Assert.Equal(all.Skip(3).Take(4).Select(e => Convert.ToHexStringLower(e.RecordId)), read.Select(r => r.RecordId));
        Assert.Equal(all.Skip(3).Take(4).Select(e => e.RecordJson), read.Select(r => r.Json));
        Assert.Equal(2, (await store.ReadEntriesAsync(0, 6, 100)).Count);
        Assert.Empty(await store.ReadEntriesAsync(0, 8, 10));

        var found = await store.GetRecordAsync(Convert.ToHexStringLower(second[1].RecordId));
        Assert.NotNull(found);
        Assert.Equal((0, 6L), (found.Shard, found.Index));
        Assert.Equal(second[1].RecordJson, found.Json);
        var inOther = await store.GetRecordAsync(Convert.ToHexStringLower(other[1].RecordId));
        Assert.Equal((1, 1L), (inOther!.Shard, inOther.Index));
        Assert.Null(await store.GetRecordAsync(Convert.ToHexStringLower(NewId())));
        Assert.Null(await store.GetRecordAsync("not-hex"));

        var checkpoints = await store.GetCheckpointsAsync(0);
        Assert.Equal([5L, 8], checkpoints.Select(c => c.Size));
        AssertCheckpoint(Checkpoint(5), checkpoints[0]);
    }

    [StorageFact]
    public async Task AppendAtTheWrongSize_IsRefused_AndChangesNothing()
    {
        var store = OpenStore();
        await AppendAsync(store, 0, 0, 4);
        await Assert.ThrowsAsync<InconsistentStateException>(() => AppendAsync(store, 0, 2, 2));
        await Assert.ThrowsAsync<InconsistentStateException>(() => AppendAsync(store, 0, 6, 2));
        await Assert.ThrowsAsync<InconsistentStateException>(() => AppendAsync(store, 1, 1, 1));
        var snapshot = await store.LoadShardAsync(0);
        Assert.Equal(4, snapshot.RecordIds.Count);
        AssertCheckpoint(Checkpoint(4), snapshot.Latest);
        Assert.Single(await store.GetCheckpointsAsync(0));
    }

    [StorageFact]
    public async Task RacingAppendsAtTheSameSize_ExactlyOneWins()
    {
        // Two activations of one shard (two silos, each with its own store instance) append at the same size, repeatedly.
        var a = OpenStore();
        var b = OpenStore();
        await AppendAsync(a, 0, 0, 1);
        long size = 1;
        for (var round = 0; round < 5; round++)
        {
            var ea = Entries(size, 3);
            var eb = Entries(size, 2);
            var results = await Task.WhenAll(
                Outcome(a.AppendAsync(0, size, ea, Checkpoint(size + 3, "a"))),
                Outcome(b.AppendAsync(0, size, eb, Checkpoint(size + 2, "b"))));
            Assert.Equal(1, results.Count(r => r is null));
            Assert.All(results.Where(r => r is not null), r => Assert.IsType<InconsistentStateException>(r));
            var winner = results[0] is null ? ea : eb;
            var loser = results[0] is null ? eb : ea;
            size += winner.Count;

            var snapshot = await OpenStore().LoadShardAsync(0);
            Assert.Equal(size, snapshot.RecordIds.Count);
            Assert.Equal(winner.Select(e => e.RecordId), snapshot.RecordIds.Skip((int)(size - winner.Count)));
            Assert.Equal(size, snapshot.Latest!.Size);
            Assert.All(loser, e => Assert.Null(a.GetRecordAsync(Convert.ToHexStringLower(e.RecordId)).Result));
        }
        Assert.Equal((await a.GetCheckpointsAsync(0)).Select(c => c.Size), (await b.GetCheckpointsAsync(0)).Select(c => c.Size));
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try { await task; return null; }
        catch (Exception e) { return e; }
    }

    [StorageFact]
    public async Task DuplicateRecordId_IsRefused()
    {
        var store = OpenStore();
        var first = await AppendAsync(store, 0, 0, 3);
        var again = new List<StoredEntry> { new(3, first[1].RecordId, first[1].RecordJson) };
        var refused = await Assert.ThrowsAnyAsync<InconsistentStateException>(() => store.AppendAsync(0, 3, again, Checkpoint(4)));
        // A store that finds duplicates as it appends names where each is (the shard answers them from there).
        if (store.FindsDuplicatesOnAppend)
            Assert.Equal(new StoredPosition(0, 1), Assert.IsType<RecordsAlreadyStoredException>(refused).Stored[Convert.ToHexStringLower(first[1].RecordId)]);
        else Assert.IsType<InconsistentStateException>(refused);
        // In another shard too: a record id is stored once in the whole log.
        refused = await Assert.ThrowsAnyAsync<InconsistentStateException>(() => store.AppendAsync(1, 0, [new(0, first[0].RecordId, first[0].RecordJson)], Checkpoint(1)));
        if (store.FindsDuplicatesOnAppend)
            Assert.Equal(new StoredPosition(0, 0), Assert.IsType<RecordsAlreadyStoredException>(refused).Stored[Convert.ToHexStringLower(first[0].RecordId)]);
        // And twice within one append.
        var id = NewId();
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.AppendAsync(0, 3, [new(3, id, [1]), new(4, id, [1])], Checkpoint(5)));

        var snapshot = await OpenStore().LoadShardAsync(0);
        Assert.Equal(3, snapshot.RecordIds.Count);
        Assert.Empty((await store.LoadShardAsync(1)).RecordIds);
        Assert.Equal(1, (await store.GetRecordAsync(Convert.ToHexStringLower(first[1].RecordId)))!.Index);
        await AppendAsync(store, 0, 3, 1);
    }

    [StorageFact]
    public async Task ALargeAppend_LoadsAndFindsEveryRecord()
    {
        var store = OpenStore();
        var entries = await AppendAsync(store, 0, 0, 600);
        entries.AddRange(await AppendAsync(store, 0, 600, 1));
        var after = OpenStore();
        Assert.Equal(entries.Select(e => e.RecordId), (await after.LoadShardAsync(0)).RecordIds);
        foreach (var i in new[] { 0, 99, 100, 377, 599, 600 })
            Assert.Equal(i, (await after.GetRecordAsync(Convert.ToHexStringLower(entries[i].RecordId)))!.Index);
        Assert.Equal(entries.Skip(590).Select(e => e.RecordJson), (await after.ReadEntriesAsync(0, 590, 50)).Select(r => r.Json));
    }

    [StorageFact]
    public async Task BoundedReads_HeadTreeHashesAndFind_AgreeWithTheLeaves()
    {
        var store = OpenStore();
        var entries = new List<StoredEntry>();
        var edge = TreeEdge.Empty;
        foreach (var count in new[] { 300, 1, 299 })
        {
            var batch = Entries(entries.Count, count);
            var completed = new List<TreeHash>();
            edge = edge.Append(batch.Select(e => MerkleHash.LeafHash(e.RecordId)), completed);
            await store.AppendAsync(1, entries.Count, batch, Checkpoint(entries.Count + count) with { TreeHashes = completed });
            entries.AddRange(batch);
        }
        var after = OpenStore();
        var head = await after.LoadHeadAsync(1);
        Assert.Equal(600, head.Size);
        AssertCheckpoint(Checkpoint(600), head.Latest);
        Assert.Equal(new StoredHead(0, null), await after.LoadHeadAsync(5));

        var reference = MerkleTree.FromLeafHashes(entries.Select(e => MerkleHash.LeafHash(e.RecordId)));
        Assert.Equal([reference.SubtreeHash(0, 256), reference.SubtreeHash(256, 512)], await after.ReadTreeHashesAsync(1, 1, 0, 5));
        Assert.Equal([reference.SubtreeHash(256, 512)], await after.ReadTreeHashesAsync(1, 1, 1, 1));
        Assert.Empty(await after.ReadTreeHashesAsync(1, 2, 0, 1));

        var found = await after.FindAsync([entries[0].RecordId, NewId(), entries[599].RecordId, entries[301].RecordId]);
        Assert.Equal([new StoredPosition(1, 0), null, new StoredPosition(1, 599), new StoredPosition(1, 301)], found);
    }

    [StorageFact]
    public async Task Secrets_FirstWriterWins()
    {
        var a = OpenStore();
        var b = OpenStore();
        var values = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? a : b).GetOrCreateSecretAsync("log-key:ledger.example/shard-0", () => RandomNumberGenerator.GetBytes(32))));
        Assert.All(values, v => Assert.Equal(values[0], v));
        Assert.Equal(values[0], await OpenStore().GetOrCreateSecretAsync("log-key:ledger.example/shard-0", () => RandomNumberGenerator.GetBytes(32)));
        var other = await a.GetOrCreateSecretAsync("log-key:ledger.example/shard-1", () => [1, 2, 3]);
        Assert.Equal([1, 2, 3], other);
    }

    [StorageFact]
    public async Task ProbeWrites_SucceedRepeatedly_FromSeveralStores_AndChangeNoShard()
    {
        var a = OpenStore();
        var b = OpenStore();
        var entries = await AppendAsync(a, 0, 0, 2);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? a : b).ProbeWriteAsync()));
        await a.ProbeWriteAsync();
        var snapshot = await OpenStore().LoadShardAsync(0);
        Assert.Equal(entries.Select(e => e.RecordId), snapshot.RecordIds);
        Assert.Equal(2, snapshot.Latest?.Size);
        Assert.Single(await a.GetCheckpointsAsync(0));
    }

    [StorageFact]
    public async Task Invariants_AreKeptOnce_FirstWriterWins_AndSurviveARestart()
    {
        var a = OpenStore();
        var b = OpenStore();
        Assert.Null(await a.GetInvariantsAsync());
        var kept = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? a : b).KeepInvariantsAsync(LogInvariants.Current(1 + i, "ledger.example"))));
        Assert.All(kept, k => Assert.Equal(kept[0], k));
        // Whichever start kept them first, a later one with other invariants gets those back, not its own.
        Assert.Equal(kept[0], await OpenStore().KeepInvariantsAsync(LogInvariants.Current(9, "other.example")));
        (a as IDisposable)?.Dispose();
        Assert.Equal(kept[0], await OpenStore().GetInvariantsAsync());
    }

    [StorageFact]
    public async Task Restart_ANewStoreOnTheSameStorage_SeesTheSameState()
    {
        var before = OpenStore();
        var entries = await AppendAsync(before, 2, 0, 10);
        entries.AddRange(await AppendAsync(before, 2, 10, 1));
        var secret = await before.GetOrCreateSecretAsync("k", () => [9, 9]);
        (before as IDisposable)?.Dispose();

        var after = OpenStore();
        var snapshot = await after.LoadShardAsync(2);
        Assert.Equal(entries.Select(e => e.RecordId), snapshot.RecordIds);
        AssertCheckpoint(Checkpoint(11), snapshot.Latest);
        Assert.Equal([10L, 11], (await after.GetCheckpointsAsync(2)).Select(c => c.Size));
        Assert.Equal(entries.Select(e => e.RecordJson), (await after.ReadEntriesAsync(2, 0, 100)).Select(r => r.Json));
        Assert.Equal(secret, await after.GetOrCreateSecretAsync("k", () => [1]));
        await AppendAsync(after, 2, 11, 2);
        Assert.Equal(13, (await OpenStore().LoadShardAsync(2)).RecordIds.Count);
    }

    [StorageFact]
    public async Task SigningTimes_AreKept_WithTheLatestAndTheHistory_AndAreNullWhereNoneWasGiven()
    {
        var store = OpenStore();
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_123);
        await store.AppendAsync(4, 0, Entries(0, 2), Checkpoint(2));
        await store.AppendAsync(4, 2, Entries(2, 1), Checkpoint(3) with { SignedAt = signedAt });

        Assert.Equal(signedAt, (await OpenStore().LoadShardAsync(4)).Latest!.SignedAt);
        Assert.Equal([null, signedAt], (await OpenStore().GetCheckpointsAsync(4)).Select(c => c.SignedAt));
    }
}

[Trait("Category", "Storage")]
public sealed class SqliteLogStoreConformanceTests : LogStoreConformance, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<SqliteLogStore> _stores = [];

    protected override ILogStore OpenStore()
    {
        var store = new SqliteLogStore(_dir.Path("log.db"));
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task A_store_made_before_signing_times_were_kept_gains_the_column_and_keeps_its_checkpoints()
    {
        var path = _dir.Path("old.db");
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            // The checkpoints table as stores before issue 16 made it, with one checkpoint in it.
            create.CommandText = """
                CREATE TABLE checkpoints (shard INTEGER NOT NULL, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL, PRIMARY KEY (shard, size));
                INSERT INTO checkpoints (shard, size, root, note) VALUES (0, 0, x'00', 'old note');
                """;
            await create.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var store = new SqliteLogStore(path);
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_456);
        await store.AppendAsync(0, 0, [new StoredEntry(0, new byte[32], "{}"u8.ToArray())], new StoredCheckpoint(1, new byte[32], "new note", signedAt));

        var checkpoints = await store.GetCheckpointsAsync(0);
        Assert.Equal(["old note", "new note"], checkpoints.Select(c => c.Note));
        Assert.Equal([null, signedAt], checkpoints.Select(c => c.SignedAt));
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        _dir.Dispose();
    }
}

[Trait("Category", "Storage")]
[RequiresAzurite]
public sealed class AzureLogStoreConformanceTests : LogStoreConformance
{
    // Shard numbers repeat between tests, so each test instance gets its own table and container.
    private readonly string _table = Azurite.UniqueName("log");
    private readonly string _container = Azurite.UniqueName("log-");

    protected override ILogStore OpenStore() => new AzureLogStore(Azurite.ConnectionString, _table, _container);
}
