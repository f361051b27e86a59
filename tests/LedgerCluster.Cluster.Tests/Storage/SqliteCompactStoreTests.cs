using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Cluster.Tests.Support;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// What the SQLite store keeps and how: records compressed but read back byte for byte, a thinned checkpoint history,
/// and a store written in the layout before issue 16 (full JSON rows, a unique index on the whole id, no tree hashes)
/// that still opens, reads, gets its tree hashes and takes new (compressed) appends.
/// </summary>
[Trait("Category", "Storage")]
public sealed class SqliteCompactStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<SqliteLogStore> _stores = [];

    private string Database => _dir.Path("log.db");

    private SqliteLogStore Open()
    {
        var store = new SqliteLogStore(Database);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static StoredEntry Entry(long index, int size = 1400)
    {
        var id = RandomNumberGenerator.GetBytes(32);
        var filler = string.Join(",", Enumerable.Range(0, size / 20).Select(i => $"\"k{i % 7}\":{index + i}"));
        return new StoredEntry(index, id, Encoding.UTF8.GetBytes($"{{\"id\":\"{Convert.ToHexStringLower(id)}\",{filler}}}"));
    }

    private static StoredCheckpoint Checkpoint(long size) => new(size, SHA256.HashData(BitConverter.GetBytes(size)), $"note {size}\n");

    private async Task<T> Sql<T>(string sql)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Records_are_kept_compressed_and_read_back_exactly()
    {
        var store = Open();
        var entries = Enumerable.Range(0, 20).Select(i => Entry(i)).Append(new StoredEntry(20, RandomNumberGenerator.GetBytes(32), [1])).ToList();
        await store.AppendAsync(0, 0, entries, Checkpoint(21));
        Assert.Equal(RecordCompression.Brotli, (await Sql<byte[]>("SELECT json FROM bodies JOIN entries ON seq = body WHERE idx = 3"))[0]);
        Assert.True(await Sql<long>("SELECT SUM(length(json)) FROM bodies") < entries.Sum(e => e.RecordJson.Length) / 2);
        Assert.Equal(entries.Select(e => e.RecordJson), (await Open().ReadEntriesAsync(0, 0, 100)).Select(r => r.Json));
        Assert.Equal(entries[7].RecordJson, (await store.GetRecordAsync(Convert.ToHexStringLower(entries[7].RecordId)))!.Json);
        // The tiny one is not worth compressing and is kept as it is, behind its format byte.
        Assert.Equal([RecordCompression.Raw, 1], await Sql<byte[]>("SELECT json FROM bodies JOIN entries ON seq = body WHERE idx = 20"));
    }

    // A record of the bench's kind: about 1,400 bytes of JSON that Brotli brings to about 700.
    private static StoredEntry BenchLikeEntry(long index)
    {
        var id = RandomNumberGenerator.GetBytes(32);
        var outputs = Convert.ToBase64String(RandomNumberGenerator.GetBytes(480 + RandomNumberGenerator.GetInt32(80)));
        var json = $"{{\"id\":\"{Convert.ToHexStringLower(id)}\",\"index\":{index},\"outputs\":\"{outputs}\",\"meta\":\"{new string('x', 300)}\"}}";
        return new StoredEntry(index, id, Encoding.UTF8.GetBytes(json));
    }

    private async Task<long> FileBytes()
    {
        await Sql<long>("PRAGMA wal_checkpoint(TRUNCATE)");
        return new FileInfo(Database).Length + (File.Exists(Database + "-wal") ? new FileInfo(Database + "-wal").Length : 0);
    }

    [Fact]
    public async Task Shards_appending_in_turn_cost_at_most_100_bytes_a_leaf_beyond_the_stored_record()
    {
        // As the bench writes: 4 shards, each taking a 250-record batch with its checkpoint, the four committed together.
        const int Shards = 4, Batch = 250;
        var store = Open();
        var sizes = new long[Shards];
        var written = new List<StoredEntry>();
        async Task Rounds(int rounds)
        {
            for (var round = 0; round < rounds; round++)
                await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard =>
                {
                    var from = sizes[shard];
                    sizes[shard] += Batch;
                    var batch = Enumerable.Range(0, Batch).Select(i => BenchLikeEntry(from + i)).ToList();
                    if (shard == 2) written.AddRange(batch);
                    var note = $"ledgercluster.local/shard/{shard}\n{from + Batch}\n{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n\n— ledgercluster.local/shard/{shard} {Convert.ToBase64String(RandomNumberGenerator.GetBytes(68))}\n";
                    return store.AppendAsync(shard, from, batch, new StoredCheckpoint(from + Batch, RandomNumberGenerator.GetBytes(32), note));
                }));
        }
        // The first rounds pay for the tables' first pages; what each further leaf adds is measured.
        await Rounds(4);
        var (entries0, stored0) = await store.MeasureRecordsAsync();
        var file0 = await FileBytes();
        await Rounds(20);
        var (entries1, stored1) = await store.MeasureRecordsAsync();
        var file1 = await FileBytes();

        Assert.Equal(24 * Shards * Batch, entries1);
        var storedPerLeaf = (double)(stored1 - stored0) / (entries1 - entries0);
        Assert.InRange(storedPerLeaf, 600, 800);
        var overheadPerLeaf = (double)(file1 - file0 - (stored1 - stored0)) / (entries1 - entries0);
        Assert.True(overheadPerLeaf <= 100, $"the log adds {overheadPerLeaf:0.0} bytes a leaf beyond its {storedPerLeaf:0} stored bytes");
        // Record ids are kept as their 32 bytes, not as hex text.
        Assert.Equal(entries1, await Sql<long>("SELECT COUNT(*) FROM entries WHERE typeof(record_id) = 'blob' AND length(record_id) = 32"));
        // And every leaf still reads back exactly, by position and by id.
        Assert.Equal(written.Select(e => e.RecordJson), (await Open().ReadEntriesAsync(2, 0, written.Count)).Select(r => r.Json));
        Assert.Equal(written[4321].RecordJson, (await store.GetRecordAsync(Convert.ToHexStringLower(written[4321].RecordId)))!.Json);
    }

    [Fact]
    public async Task Checkpoint_history_keeps_the_latest_and_a_spread_in_proportion_to_the_size()
    {
        var store = Open();
        for (var i = 0; i < 1500; i++) await store.AppendAsync(0, i, [Entry(i, 40)], Checkpoint(i + 1));
        var sizes = (await store.GetCheckpointsAsync(0)).Select(c => c.Size).ToList();
        Assert.Equal(1500, sizes[^1]);
        // Every checkpoint of the first 64 leaves, then about one per 1/64 of the size: 300 here, under 64·(2 + ln(1500/64)), where
        // one per 1/256 kept 833 (each ~250 bytes, which a shard signing one checkpoint per leaf paid for every leaf).
        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), sizes.Take(64));
        Assert.InRange(sizes.Count, 64, (int)(64 * (2 + Math.Log(1500 / 64.0))));
        for (var i = 1; i < sizes.Count - 1; i++) Assert.InRange(sizes[i] - sizes[i - 1], 1, Math.Max(1, sizes[i] / SqliteLogStore.CheckpointSpacing) + 1);
        Assert.Equal(1500, (await store.LoadHeadAsync(0)).Latest!.Size);
    }

    [Fact]
    public async Task A_store_in_the_layout_before_issue_16_opens_reads_and_appends()
    {
        // Exactly what the store created and wrote before: a (shard, idx) key, a unique index on the full id, bare JSON.
        await using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString()))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE entries (shard INTEGER NOT NULL, idx INTEGER NOT NULL, record_id BLOB NOT NULL, json BLOB NOT NULL, PRIMARY KEY (shard, idx));
                CREATE UNIQUE INDEX entries_by_record ON entries (record_id);
                CREATE TABLE checkpoints (shard INTEGER NOT NULL, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL, PRIMARY KEY (shard, size));
                CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
                CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }
        var old = Enumerable.Range(0, 600).Select(i => Entry(i, 200)).ToList();
        await using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString()))
        {
            await db.OpenAsync();
            await using var tx = db.BeginTransaction();
            foreach (var e in old)
            {
                await using var insert = db.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO entries (shard, idx, record_id, json) VALUES (2, $i, $id, $json)";
                insert.Parameters.AddWithValue("$i", e.Index);
                insert.Parameters.AddWithValue("$id", e.RecordId);
                insert.Parameters.AddWithValue("$json", e.RecordJson);
                await insert.ExecuteNonQueryAsync();
            }
            await using var checkpoint = db.CreateCommand();
            checkpoint.Transaction = tx;
            checkpoint.CommandText = "INSERT INTO checkpoints (shard, size, root, note) VALUES (2, 600, zeroblob(32), 'note 600\n')";
            await checkpoint.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        var store = Open();
        Assert.Equal(600, (await store.LoadHeadAsync(2)).Size);
        Assert.Equal(old.Select(e => e.RecordJson), (await store.ReadEntriesAsync(2, 0, 1000)).Select(r => r.Json));
        var reference = MerkleTree.FromLeafHashes(old.Select(e => MerkleHash.LeafHash(e.RecordId)));
        // Its tree hashes were derived from its leaves when it was first opened.
        Assert.Equal([reference.SubtreeHash(0, 256), reference.SubtreeHash(256, 512)], await store.ReadTreeHashesAsync(2, 1, 0, 10));

        var edge = TreeEdge.FromRows(600, [old.Skip(512).Select(e => MerkleHash.LeafHash(e.RecordId)).ToList(), [reference.SubtreeHash(0, 256), reference.SubtreeHash(256, 512)]]);
        var more = Enumerable.Range(600, 200).Select(i => Entry(i)).ToList();
        var completed = new List<TreeHash>();
        edge = edge.Append(more.Select(e => MerkleHash.LeafHash(e.RecordId)), completed);
        await store.AppendAsync(2, 600, more, Checkpoint(800) with { TreeHashes = completed });
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.AppendAsync(2, 800, [old[5] with { Index = 800 }], Checkpoint(801)));

        var reopened = Open();
        Assert.Equal(800, (await reopened.LoadHeadAsync(2)).Size);
        Assert.Equal(old.Concat(more).Select(e => e.RecordJson), (await reopened.ReadEntriesAsync(2, 0, 1000)).Select(r => r.Json));
        Assert.Equal(RecordCompression.Brotli, (await Sql<byte[]>("SELECT json FROM entries WHERE idx = 700"))[0]);
        Assert.Equal([new StoredPosition(2, 5), new StoredPosition(2, 799)], await reopened.FindAsync([old[5].RecordId, more[^1].RecordId]));
        var all = MerkleTree.FromLeafHashes(old.Concat(more).Select(e => MerkleHash.LeafHash(e.RecordId)));
        Assert.Equal([all.SubtreeHash(0, 256), all.SubtreeHash(256, 512), all.SubtreeHash(512, 768)], await reopened.ReadTreeHashesAsync(2, 1, 0, 10));
    }
}
