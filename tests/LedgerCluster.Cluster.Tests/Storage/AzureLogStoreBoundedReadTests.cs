using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using LedgerCluster.Grains.Fsck;
using LedgerCluster.Grains.Log;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Storage.Azure;
using LedgerCluster.Tests.Shared;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// The Azure log's bounded reads on Azurite (issue 16): appends keep the tree hashes they complete in their commit, a shard
/// resumes from its head and edge alone, <see cref="ILogStore.FindAsync"/> answers from the index without downloading a
/// record, and stores written before tree hashes were kept (batch and per-record layouts) get them once and open. What a
/// store read is observed on the wire (<see cref="AzureRequestLog"/>): entities and blob downloads, never times.
/// </summary>
[Trait("Category", "Storage")]
[RequiresAzurite]
public sealed class AzureLogStoreBoundedReadTests
{
    private readonly string _tableName = Azurite.UniqueName("log");
    private readonly string _container = Azurite.UniqueName("log-");

    private ILogStore OpenStore() => new AzureLogStore(Azurite.ConnectionString, _tableName, _container);

    // A store whose every request is recorded (a fresh store: nothing cached from earlier appends).
    private ILogStore OpenObservedStore(out AzureRequestLog log)
    {
        log = AzureRequestLog.For(_tableName);
        var store = AzureRequestLog.OpenStore(Azurite.ConnectionString, _tableName, _container);
        log.Clear();
        return store;
    }

    private TableClient Table => AzureStorageClients.Tables(Azurite.ConnectionString).GetTableClient(_tableName);

    private static byte[] NewId() => RandomNumberGenerator.GetBytes(32);

    private static List<StoredEntry> Entries(long start, int count, int pad = 0) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var id = NewId();
            return new StoredEntry(start + i, id, Encoding.UTF8.GetBytes($"{{\"id\":\"{Convert.ToHexStringLower(id)}\",\"n\":{start + i},\"pad\":\"{new string('x', pad)}\"}}"));
        }).ToList();

    private static StoredCheckpoint Checkpoint(long size) => new(size, SHA256.HashData(Encoding.UTF8.GetBytes($"root {size}")), $"note {size}\n");

    /// <summary>A shard as a shard grain writes it: each append carries the tree hashes it completed.</summary>
    private sealed class ShardWriter(ILogStore store, int shard)
    {
        public TreeEdge Edge { get; private set; } = TreeEdge.Empty;
        public List<StoredEntry> Entries { get; } = [];

        public async Task AppendAsync(IReadOnlyList<StoredEntry> batch)
        {
            var completed = new List<TreeHash>();
            var edge = Edge.Append(batch.Select(e => MerkleHash.LeafHash(e.RecordId)), completed);
            await store.AppendAsync(shard, (long)Edge.Size, batch, Checkpoint((long)edge.Size) with { TreeHashes = completed });
            Edge = edge;
            Entries.AddRange(batch);
        }

        public MerkleTree Reference => MerkleTree.FromLeafHashes(Entries.Select(e => MerkleHash.LeafHash(e.RecordId)));
    }

    private static byte[][] Level1(MerkleTree tree, int count) => Enumerable.Range(0, count).Select(i => tree.SubtreeHash((ulong)i * 256, (ulong)(i + 1) * 256)).ToArray();

    [AzuriteFact]
    public async Task TreeHashes_are_the_ones_the_appends_stored_merged_across_rows_and_appends()
    {
        var store = OpenStore();
        // Hashes the store cannot have computed itself (they are no roots of these leaves): reads must return them as given.
        var given = Enumerable.Range(0, 131).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var upper = RandomNumberGenerator.GetBytes(32);
        await store.AppendAsync(3, 0, Entries(0, 1), Checkpoint(1) with { TreeHashes = [.. given[..130].Select((h, i) => new TreeHash(1, (ulong)i, h))] });
        await store.AppendAsync(3, 1, Entries(1, 1), Checkpoint(2) with { TreeHashes = [new TreeHash(1, 130, given[130]), new TreeHash(2, 0, upper)] });

        var after = OpenStore();
        Assert.Equal(given, await after.ReadTreeHashesAsync(3, 1, 0, 200));
        Assert.Equal(given[126..130], await after.ReadTreeHashesAsync(3, 1, 126, 4));
        Assert.Equal([upper], await after.ReadTreeHashesAsync(3, 2, 0, 5));
        Assert.Empty(await after.ReadTreeHashesAsync(3, 3, 0, 5));
        Assert.Empty(await after.ReadTreeHashesAsync(4, 1, 0, 5));
    }

    [AzuriteFact]
    public async Task A_commit_that_fails_leaves_none_of_its_tree_hashes_and_its_retry_keeps_them()
    {
        var writer = new ShardWriter(OpenStore(), 0);
        await writer.AppendAsync(Entries(0, 200));
        var batch = Entries(200, 100, pad: 3000);
        // A row where the commit's checkpoint goes: the entity-group transaction (head, checkpoint, segment, tree hashes) fails whole.
        await Table.AddEntityAsync(new TableEntity("s0", $"c{300:D19}") { ["Size"] = 300L, ["Root"] = new byte[32], ["Note"] = "blocker" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => writer.AppendAsync(batch));
        Assert.Empty(await OpenStore().ReadTreeHashesAsync(0, 1, 0, 5));
        Assert.Equal(200, (await OpenStore().LoadHeadAsync(0)).Size);

        await Table.DeleteEntityAsync("s0", $"c{300:D19}");
        await writer.AppendAsync(batch);
        var reference = writer.Reference;
        Assert.Equal(Level1(reference, 1), await OpenStore().ReadTreeHashesAsync(0, 1, 0, 5));
        var resumed = await ShardResume.LoadAsync(OpenStore(), 0);
        Assert.Null(resumed.Missing);
        Assert.Equal(reference.Root(), resumed.Edge.Root());
    }

    [AzuriteFact]
    public async Task A_shard_resumes_from_its_head_and_edge_without_reading_its_other_leaves_or_any_record()
    {
        var writer = new ShardWriter(OpenStore(), 1);
        // 580 leaves in 290 appends: a segment row each, so reading every leaf would read 290 rows.
        for (var i = 0; i < 290; i++) await writer.AppendAsync(Entries(2 * i, 2));

        var store = OpenObservedStore(out var log);
        var head = await store.LoadHeadAsync(1);
        Assert.Equal(580, head.Size);
        Assert.Equal(Checkpoint(580).Note, head.Latest!.Note);
        Assert.Equal(1, log.EntitiesRead);

        var resumed = await ShardResume.LoadAsync(store, 1);
        Assert.Null(resumed.Missing);
        Assert.Equal(writer.Reference.Root(), resumed.Edge.Root());
        // The head twice, the 34 segments of leaves 512..579, and the one row of level-1 tree hashes.
        Assert.InRange(log.EntitiesRead, 36, 40);
        Assert.Equal(0, log.BlobReads);

        // A hash tile left of the edge is its stored hashes: one query, no leaf.
        log.Clear();
        Assert.Equal(Level1(writer.Reference, 2), await store.ReadTreeHashesAsync(1, 1, 0, 2));
        Assert.Equal(1, log.EntitiesRead);
    }

    [AzuriteFact]
    public async Task Find_gives_positions_across_shards_from_the_index_misses_absent_and_uncommitted_ids_and_downloads_nothing()
    {
        var legacy = new LegacyAzureLogWriter(Azurite.ConnectionString, _tableName, _container);
        var old = Entries(0, 3);
        await legacy.AppendAsync(2, 0, old, Checkpoint(3));
        var inRow = new ShardWriter(OpenStore(), 0);
        await inRow.AppendAsync(Entries(0, 5));
        await inRow.AppendAsync(Entries(5, 1));
        var inBlob = new ShardWriter(OpenStore(), 1);
        await inBlob.AppendAsync(Entries(0, 60, pad: 6000));
        await inBlob.AppendAsync(Entries(60, 40, pad: 6000));
        // Reserved in the index by an append whose commit failed: not in the log.
        var uncommitted = Entries(100, 30, pad: 6000);
        await Table.AddEntityAsync(new TableEntity("s1", $"c{130:D19}") { ["Size"] = 130L, ["Root"] = new byte[32], ["Note"] = "blocker" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => inBlob.AppendAsync(uncommitted));

        var store = OpenObservedStore(out var log);
        var absent = NewId();
        var found = await store.FindAsync([inRow.Entries[3].RecordId, inBlob.Entries[77].RecordId, absent, uncommitted[4].RecordId, inRow.Entries[5].RecordId,
            inBlob.Entries[0].RecordId, old[2].RecordId, [1, 2, 3]]);
        Assert.Equal([new StoredPosition(0, 3), new StoredPosition(1, 77), null, null, new StoredPosition(0, 5), new StoredPosition(1, 0), new StoredPosition(2, 2), null], found);
        Assert.Equal(0, log.BlobReads);
    }

    // What a store wrote before tree hashes were kept: the same rows, without tree-hash rows and without the head's mark.
    private async Task ForgetTreeHashesAsync(int shard)
    {
        var table = Table;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {$"s{shard}"} and RowKey ge {"t"} and RowKey lt {"u"}")))
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        var head = (await table.GetEntityAsync<TableEntity>($"s{shard}", "head")).Value;
        Assert.True(head.Remove("TreeHashesKept"));
        await table.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Replace);
    }

    private async Task<int> TreeHashRowsAsync(int shard)
    {
        var rows = 0;
        await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {$"s{shard}"} and RowKey ge {"t"} and RowKey lt {"u"}"), select: ["RowKey"])) rows++;
        return rows;
    }

    [AzuriteFact]
    public async Task A_store_written_before_tree_hashes_were_kept_gets_them_once_resumes_and_takes_appends()
    {
        var writer = new ShardWriter(OpenStore(), 0);
        await writer.AppendAsync(Entries(0, 300));
        await writer.AppendAsync(Entries(300, 1));
        await writer.AppendAsync(Entries(301, 299, pad: 500));
        await ForgetTreeHashesAsync(0);
        Assert.Equal(0, await TreeHashRowsAsync(0));

        // Any first read derives them (here the edge, as a shard's activation does), and fsck finds them sound.
        var opened = OpenStore();
        var resumed = await ShardResume.LoadAsync(opened, 0);
        Assert.Null(resumed.Missing);
        Assert.Equal(writer.Reference.Root(), resumed.Edge.Root());
        Assert.Equal(1, await TreeHashRowsAsync(0));
        Assert.Null(await TreeHashCheck.CheckAsync(OpenStore(), 1));

        // Derived once: a later store reads the head and the edge only.
        var store = OpenObservedStore(out var log);
        Assert.Null((await ShardResume.LoadAsync(store, 0)).Missing);
        Assert.InRange(log.EntitiesRead, 2, 6);

        var more = Entries(600, 200);
        var completed = new List<TreeHash>();
        var edge = resumed.Edge.Append(more.Select(e => MerkleHash.LeafHash(e.RecordId)), completed);
        await store.AppendAsync(0, 600, more, Checkpoint(800) with { TreeHashes = completed });
        var all = MerkleTree.FromLeafHashes(writer.Entries.Concat(more).Select(e => MerkleHash.LeafHash(e.RecordId)));
        Assert.Equal(Level1(all, 3), await OpenStore().ReadTreeHashesAsync(0, 1, 0, 10));
        Assert.Equal(all.Root(), (await ShardResume.LoadAsync(OpenStore(), 0)).Edge.Root());
        Assert.Equal(edge.Root(), all.Root());
    }

    [AzuriteFact]
    public async Task A_store_that_derives_tree_hashes_while_reading_them_appends_next_without_losing_to_its_own_mark()
    {
        var writer = new ShardWriter(OpenStore(), 2);
        await writer.AppendAsync(Entries(0, 260));
        await ForgetTreeHashesAsync(2);

        // This store remembers the head it loaded; reading tree hashes marks the head (a new ETag) once they are derived.
        var store = OpenStore();
        Assert.Equal(260, (await store.LoadShardAsync(2)).RecordIds.Count);
        Assert.Equal(Level1(writer.Reference, 1), await store.ReadTreeHashesAsync(2, 1, 0, 5));
        var more = Entries(260, 3);
        await store.AppendAsync(2, 260, more, Checkpoint(263));
        Assert.Equal(263, (await OpenStore().LoadHeadAsync(2)).Size);
    }

    [AzuriteFact]
    public async Task A_store_of_the_per_record_layout_resumes_from_its_head_and_rolls_its_last_locations_forward()
    {
        var legacy = new LegacyAzureLogWriter(Azurite.ConnectionString, _tableName, _container);
        var old = Entries(0, 260);
        await legacy.AppendAsync(0, 0, old[..250], Checkpoint(250));
        // The last old append crashed before its location rows.
        await legacy.AppendAsync(0, 250, old[250..], Checkpoint(260), writeLocations: false);

        var store = OpenStore();
        var resumed = await ShardResume.LoadAsync(store, 0);
        Assert.Null(resumed.Missing);
        Assert.Equal(MerkleTree.FromLeafHashes(old.Select(e => MerkleHash.LeafHash(e.RecordId))).Root(), resumed.Edge.Root());
        Assert.Equal([new StoredPosition(0, 255), new StoredPosition(0, 3)], await OpenStore().FindAsync([old[255].RecordId, old[3].RecordId]));
        // Its records stay duplicates for the batch layout, the rolled-forward ones too.
        await Assert.ThrowsAsync<RecordsAlreadyStoredException>(() => OpenStore().AppendAsync(1, 0, [old[258] with { Index = 0 }], Checkpoint(1)));
    }
}
