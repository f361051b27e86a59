using LedgerCluster.Core.Hashing;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// The embedded default: the log in one SQLite file (WAL, synchronous=FULL), so a single silo on a laptop
/// loses nothing on restart. The file holds shard keys too, so it is created with mode 0600.
/// </summary>
public sealed class SqliteLogStore(string path) : ILogStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
    }.ToString();

    private readonly Lazy<Task> _schema = new(() => CreateSchemaAsync(path));

    /// <summary>Creates the file and tables if needed; every other method waits for it, so calling it is optional.</summary>
    public Task InitializeAsync(CancellationToken cancel = default) => _schema.Value.WaitAsync(cancel);

    private static async Task CreateSchemaAsync(string path)
    {
        var cancel = CancellationToken.None;
        SqliteFiles.CreatePrivate(path);
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString());
        await db.OpenAsync(cancel);
        await ExecAsync(db, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS entries (
                shard INTEGER NOT NULL, idx INTEGER NOT NULL, record_id BLOB NOT NULL, json BLOB NOT NULL,
                PRIMARY KEY (shard, idx));
            CREATE UNIQUE INDEX IF NOT EXISTS entries_by_record ON entries (record_id);
            CREATE TABLE IF NOT EXISTS checkpoints (
                shard INTEGER NOT NULL, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL,
                PRIMARY KEY (shard, size));
            CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
            """, cancel);
    }

    public async Task<ShardSnapshot> LoadShardAsync(int shard, CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        var ids = new List<byte[]>();
        await using (var cmd = Command(db, "SELECT idx, record_id FROM entries WHERE shard = $shard ORDER BY idx", ("$shard", shard)))
        await using (var reader = await cmd.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                if (reader.GetInt64(0) != ids.Count) throw new InvalidDataException($"shard {shard}: leaf {ids.Count} is missing from the store");
                ids.Add((byte[])reader[1]);
            }
        }
        await using var latest = Command(db, "SELECT size, root, note FROM checkpoints WHERE shard = $shard ORDER BY size DESC LIMIT 1", ("$shard", shard));
        await using var row = await latest.ExecuteReaderAsync(cancel);
        var checkpoint = await row.ReadAsync(cancel) ? new StoredCheckpoint(row.GetInt64(0), (byte[])row[1], row.GetString(2)) : null;
        return new ShardSnapshot(ids, checkpoint);
    }

    // Microsoft.Data.Sqlite's async methods complete synchronously; run the commit (and its fsync) on the
    // thread pool so a grain's scheduler thread is never blocked by disk I/O.
    public Task AppendAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel = default) =>
        Task.Run(() => AppendCoreAsync(shard, expectedSize, entries, checkpoint, cancel), cancel);

    private async Task AppendCoreAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel)
    {
        await using var db = await OpenAsync(cancel);
        await using var tx = db.BeginTransaction(deferred: false);
        await using (var size = Command(db, "SELECT COALESCE(MAX(idx) + 1, 0) FROM entries WHERE shard = $shard", ("$shard", shard)))
        {
            size.Transaction = tx;
            var current = (long)(await size.ExecuteScalarAsync(cancel))!;
            if (current != expectedSize)
                throw new InconsistentStateException($"shard {shard} has {current} leaves in storage, expected {expectedSize}: another activation appended", current.ToString(), expectedSize.ToString(), null);
        }
        await using (var insert = Command(db, "INSERT INTO entries (shard, idx, record_id, json) VALUES ($shard, $idx, $id, $json)"))
        {
            insert.Transaction = tx;
            var pShard = insert.Parameters.AddWithValue("$shard", shard);
            var pIdx = insert.Parameters.Add("$idx", SqliteType.Integer);
            var pId = insert.Parameters.Add("$id", SqliteType.Blob);
            var pJson = insert.Parameters.Add("$json", SqliteType.Blob);
            foreach (var entry in entries)
            {
                pIdx.Value = entry.Index;
                pId.Value = entry.RecordId;
                pJson.Value = entry.RecordJson;
                try { await insert.ExecuteNonQueryAsync(cancel); }
                catch (SqliteException e) when (e.SqliteErrorCode == 19)
                {
                    throw new InconsistentStateException($"shard {shard}: record {Hex.Encode(entry.RecordId)} or index {entry.Index} is already stored", e);
                }
            }
        }
        await using (var cp = Command(db, "INSERT INTO checkpoints (shard, size, root, note) VALUES ($shard, $size, $root, $note)",
            ("$shard", shard), ("$size", checkpoint.Size), ("$root", checkpoint.Root), ("$note", checkpoint.Note)))
        {
            cp.Transaction = tx;
            await cp.ExecuteNonQueryAsync(cancel);
        }
        await tx.CommitAsync(cancel);
    }

    public async Task<StoredRecord?> GetRecordAsync(string recordId, CancellationToken cancel = default)
    {
        var id = Hex.TryDecodeLower(recordId, 32);
        if (id is null) return null;
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, "SELECT shard, idx, json FROM entries WHERE record_id = $id", ("$id", id));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? new StoredRecord(recordId, reader.GetInt32(0), reader.GetInt64(1), (byte[])reader[2]) : null;
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadEntriesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, "SELECT idx, record_id, json FROM entries WHERE shard = $shard AND idx >= $from ORDER BY idx LIMIT $count",
            ("$shard", shard), ("$from", fromIndex), ("$count", count));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<StoredRecord>();
        while (await reader.ReadAsync(cancel))
            list.Add(new StoredRecord(Convert.ToHexStringLower((byte[])reader[1]), shard, reader.GetInt64(0), (byte[])reader[2]));
        return list;
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> GetCheckpointsAsync(int shard, CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, "SELECT size, root, note FROM checkpoints WHERE shard = $shard ORDER BY size", ("$shard", shard));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<StoredCheckpoint>();
        while (await reader.ReadAsync(cancel)) list.Add(new StoredCheckpoint(reader.GetInt64(0), (byte[])reader[1], reader.GetString(2)));
        return list;
    }

    public async Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using (var insert = Command(db, "INSERT OR IGNORE INTO secrets (name, value) VALUES ($name, $value)", ("$name", name), ("$value", create())))
            await insert.ExecuteNonQueryAsync(cancel);
        await using var read = Command(db, "SELECT value FROM secrets WHERE name = $name", ("$name", name));
        return (byte[])(await read.ExecuteScalarAsync(cancel))!;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancel)
    {
        await _schema.Value.WaitAsync(cancel);
        var db = new SqliteConnection(_connectionString);
        await db.OpenAsync(cancel);
        await ExecAsync(db, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", cancel);
        return db;
    }

    private static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object Value)[] args)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }

    private static async Task ExecAsync(SqliteConnection db, string sql, CancellationToken cancel)
    {
        await using var cmd = Command(db, sql);
        await cmd.ExecuteNonQueryAsync(cancel);
    }
}
