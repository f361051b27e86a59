using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Storage.Azure;
using LedgerCluster.Tests.Shared;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// The Azure log's batch layout on Azurite, beyond the shared contract: a failed commit leaves nothing visible and its
/// retry logs each record once; a reservation that never committed neither shows nor blocks; rivals appending the same
/// record at the same place leave it found where it won; and stores of the per-record layout stay readable.
/// </summary>
[Trait("Category", "Storage")]
[RequiresAzurite]
public sealed class AzureLogStoreBatchLayoutTests
{
    private readonly string _tableName = Azurite.UniqueName("log");
    private readonly string _container = Azurite.UniqueName("log-");

    private AzureLogStore OpenStore() => new(Azurite.ConnectionString, _tableName, _container);

    private TableClient Table => AzureStorageClients.Tables(Azurite.ConnectionString).GetTableClient(_tableName);

    private static byte[] NewId() => RandomNumberGenerator.GetBytes(32);

    private static string Hex(byte[] id) => Convert.ToHexStringLower(id);

    private static List<StoredEntry> Entries(long start, params byte[][] ids) => Entries(start, 0, ids);

    // Records of varied length; `pad` bytes more each makes a batch too large for its segment row, so it goes to a blob.
    private static List<StoredEntry> Entries(long start, int pad, params byte[][] ids) =>
        ids.Select((id, i) => new StoredEntry(start + i, id, Encoding.UTF8.GetBytes($"{{\"id\":\"{Hex(id)}\",\"n\":{start + i},\"pad\":\"{new string('x', i * 7 + pad)}\"}}"))).ToList();

    private static List<StoredEntry> Entries(long start, int count, int pad = 0) => Entries(start, pad, Enumerable.Range(0, count).Select(_ => NewId()).ToArray());

    // 40 records of 6 KiB and more: 240 KiB, more than a segment row keeps.
    private const int BlobPad = 6 * 1024;

    private static StoredCheckpoint Checkpoint(long size) => new(size, SHA256.HashData(Encoding.UTF8.GetBytes($"root {size}")), $"note {size}\n");

    // A row where the next commit's checkpoint row goes: that commit fails as a whole, as when the checkpoint write fails.
    private async Task BlockCheckpointAsync(int shard, long size) =>
        await Table.AddEntityAsync(new TableEntity($"s{shard}", $"c{size:D19}") { ["Size"] = size, ["Root"] = new byte[32], ["Note"] = "blocker" });

    private async Task UnblockCheckpointAsync(int shard, long size) => await Table.DeleteEntityAsync($"s{shard}", $"c{size:D19}");

    private static async Task AssertShardAsync(ILogStore store, int shard, IReadOnlyList<StoredEntry> expected)
    {
        var snapshot = await store.LoadShardAsync(shard);
        Assert.Equal(expected.Select(e => e.RecordId), snapshot.RecordIds);
        Assert.Equal(expected.Count == 0 ? null : expected.Count, snapshot.Latest?.Size);
        var read = await store.ReadEntriesAsync(shard, 0, expected.Count + 10);
        Assert.Equal(expected.Select(e => e.Index), read.Select(r => r.Index));
        Assert.Equal(expected.Select(e => e.RecordJson), read.Select(r => r.Json));
        Assert.Equal(expected.Select(e => e.RecordId), (await store.ReadLeavesAsync(shard, 0, expected.Count + 10)).Select(l => l.RecordId));
        foreach (var entry in expected)
        {
            var found = await store.GetRecordAsync(Hex(entry.RecordId));
            Assert.NotNull(found);
            Assert.Equal((shard, entry.Index), (found.Shard, found.Index));
            Assert.Equal(entry.RecordJson, found.Json);
        }
    }

    [AzuriteFact]
    public Task ABatchInItsRowWhoseCheckpointWriteFails_LeavesNoVisibleEntry_AndItsRetryLogsEachRecordOnce() => FailAndRetryAsync(pad: 0);

    [AzuriteFact]
    public Task ABatchInABlobWhoseCheckpointWriteFails_LeavesNoVisibleEntry_AndItsRetryLogsEachRecordOnce() => FailAndRetryAsync(BlobPad);

    private async Task FailAndRetryAsync(int pad)
    {
        var store = OpenStore();
        var first = Entries(0, 3);
        await store.AppendAsync(0, 0, first, Checkpoint(3));
        var batch = Entries(3, 40, pad);
        await BlockCheckpointAsync(0, 43);

        // Blob and index reservations are written; the commit of head, checkpoint and segment fails as one.
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.AppendAsync(0, 3, batch, Checkpoint(43)));
        await UnblockCheckpointAsync(0, 43);
        foreach (var reader in new[] { store, OpenStore() })
        {
            await AssertShardAsync(reader, 0, first);
            foreach (var entry in batch) Assert.Null(await reader.GetRecordAsync(Hex(entry.RecordId)));
            Assert.Equal([3L], (await reader.GetCheckpointsAsync(0)).Select(c => c.Size));
        }

        // The retry (a fresh activation reloads and appends the same records at the same place) succeeds, one leaf each.
        var retry = OpenStore();
        await retry.AppendAsync(0, 3, batch, Checkpoint(43));
        await AssertShardAsync(OpenStore(), 0, [.. first, .. batch]);
        Assert.Equal([3L, 43], (await OpenStore().GetCheckpointsAsync(0)).Select(c => c.Size));
        // And the records are now duplicates, here and in another shard.
        await Assert.ThrowsAsync<RecordsAlreadyStoredException>(() => retry.AppendAsync(0, 43, Entries(43, batch[5].RecordId), Checkpoint(44)));
        await Assert.ThrowsAsync<RecordsAlreadyStoredException>(() => retry.AppendAsync(1, 0, Entries(0, batch[6].RecordId), Checkpoint(1)));
    }

    [AzuriteFact]
    public async Task AReservationThatNeverCommitted_IsInvisible_AndGivesWayOnceItsPlaceIsTaken()
    {
        var store = OpenStore();
        await store.InitializeAsync();
        var x = NewId();
        await BlockCheckpointAsync(0, 2);
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.AppendAsync(0, 0, Entries(0, NewId(), x), Checkpoint(2)));
        await UnblockCheckpointAsync(0, 2);
        Assert.Null(await store.GetRecordAsync(Hex(x)));

        // While its place is still open, the record is being appended there: another shard may not take it meanwhile.
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.AppendAsync(1, 0, Entries(0, x), Checkpoint(1)));
        Assert.Empty((await store.LoadShardAsync(1)).RecordIds);

        // Once other records fill that place, the reservation is dead and the record can be logged (once).
        var other = Entries(0, 5);
        await store.AppendAsync(0, 0, other, Checkpoint(5));
        Assert.Null(await store.GetRecordAsync(Hex(x)));
        var later = Entries(5, NewId(), x);
        await store.AppendAsync(0, 5, later, Checkpoint(7));
        await AssertShardAsync(OpenStore(), 0, [.. other, .. later]);
    }

    [AzuriteFact]
    public Task RivalsAppendingTheSameRecordAtTheSamePlace_OneWins_AndTheRecordIsFoundWhereItWon() => RivalsAsync(pad: 0);

    [AzuriteFact]
    public Task RivalsAppendingTheSameRecordAtTheSamePlaceInBlobs_OneWins_AndTheRecordIsFoundWhereItWon() => RivalsAsync(pad: 100 * 1024);

    private async Task RivalsAsync(int pad)
    {
        var a = OpenStore();
        var b = OpenStore();
        var log = new List<StoredEntry>();
        for (var round = 0; round < 6; round++)
        {
            var size = (long)log.Count;
            var shared = NewId();
            // The shared record sits at different positions in the two batches.
            var ea = Entries(size, pad, shared, NewId());
            var eb = Entries(size, pad, NewId(), NewId(), shared);
            var outcomes = await Task.WhenAll(Outcome(a.AppendAsync(0, size, ea, Checkpoint(size + ea.Count))), Outcome(b.AppendAsync(0, size, eb, Checkpoint(size + eb.Count))));
            Assert.Equal(1, outcomes.Count(o => o is null));
            Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<InconsistentStateException>(o));
            var winner = outcomes[0] is null ? ea : eb;
            log.AddRange(winner);
            var found = await OpenStore().GetRecordAsync(Hex(shared));
            Assert.Equal(winner.Single(e => e.RecordId.SequenceEqual(shared)).Index, found!.Index);
        }
        await AssertShardAsync(OpenStore(), 0, log);
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try { await task; return null; }
        catch (Exception e) { return e; }
    }

    [AzuriteFact]
    public async Task AStoreOfThePerRecordLayout_StaysReadable_RefusesItsRecordsAgain_AndTakesBatchesOnTop()
    {
        var legacy = new LegacyAzureLogWriter(Azurite.ConnectionString, _tableName, _container);
        var old = Entries(0, 4);
        old.AddRange(Entries(4, 3));
        await legacy.AppendAsync(0, 0, old[..4], Checkpoint(4));
        // The last old append crashed before its location rows: loading the shard rolls them forward.
        await legacy.AppendAsync(0, 4, old[4..], Checkpoint(7), writeLocations: false);
        var otherShard = Entries(0, 2);
        await legacy.AppendAsync(1, 0, otherShard, Checkpoint(2));

        var store = OpenStore();
        await AssertShardAsync(store, 0, old);
        await AssertShardAsync(store, 1, otherShard);
        Assert.Equal([4L, 7], (await store.GetCheckpointsAsync(0)).Select(c => c.Size));

        // Records of the old layout are duplicates for the new one, in any shard.
        var fresh = OpenStore();
        await Assert.ThrowsAsync<RecordsAlreadyStoredException>(() => fresh.AppendAsync(0, 7, Entries(7, NewId(), old[5].RecordId), Checkpoint(9)));
        await Assert.ThrowsAsync<RecordsAlreadyStoredException>(() => fresh.AppendAsync(2, 0, Entries(0, otherShard[0].RecordId), Checkpoint(1)));

        var batch = Entries(7, 25);
        await fresh.AppendAsync(0, 7, batch, Checkpoint(32));
        var large = Entries(32, 40, BlobPad);
        await fresh.AppendAsync(0, 32, large, Checkpoint(72));
        var all = old.Concat(batch).Concat(large).ToList();
        await AssertShardAsync(OpenStore(), 0, all);
        // Reads across the layouts, starting and ending inside segments: per-record into in-row, in-row into blob.
        foreach (var (from, count) in new[] { (5, 10), (20, 30) })
        {
            var across = await OpenStore().ReadEntriesAsync(0, from, count);
            Assert.Equal(all.Skip(from).Take(count).Select(e => e.RecordJson), across.Select(r => r.Json));
            Assert.Equal(all.Skip(from).Take(count).Select(e => Hex(e.RecordId)), across.Select(r => r.RecordId));
            Assert.Equal(Enumerable.Range(from, count).Select(i => (long)i), across.Select(r => r.Index));
        }
    }
}
