using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// The embedded default: the log in one SQLite file (WAL, synchronous=FULL), so a single silo on a laptop
/// loses nothing on restart. The file holds shard keys too, so it is created with mode 0600.
/// </summary>
public sealed class SqliteLogStore(string path) : ILogStore, IDisposable
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
    }.ToString();

    private readonly Lazy<Task<SqliteLayout>> _schema = new(() => CreateSchemaAsync(path));

    /// <summary>Creates the file and tables if needed; every other method waits for it, so calling it is optional.</summary>
    public Task InitializeAsync(CancellationToken cancel = default) => _schema.Value.WaitAsync(cancel);

    private async Task<SqliteLayout> LayoutAsync(CancellationToken cancel) => await _schema.Value.WaitAsync(cancel);

    /// <summary>
    /// Checkpoint history: the latest checkpoint of a shard is always kept; an earlier one only if it lies at least 1/64 of
    /// its size past the one kept before it (every one while a shard is under 64 leaves). So a shard keeps about
    /// 64·(1 + ln(size/64)) checkpoints (480 at 25,000 leaves, 626 at 250,000) instead of one per committed batch, spread
    /// over its whole history for fsck to check. A kept checkpoint takes about 250 bytes; a shard signing one per leaf kept
    /// 1,573 at 25,000 leaves with 1/256, about 16 bytes a leaf, and keeps 480 with 1/64, about 5. Nothing else needs the
    /// others: proofs come from tiles, witnesses are sent each new checkpoint as it is signed and keep their own, and a
    /// witnessed one is kept with the shard's state.
    /// </summary>
    public const int CheckpointSpacing = 64;

    // SQLite's page caches, per connection: the writer's holds the hot pages of the id index and the tree's right edge; a
    // reader's (one per pooled connection) is emptied whenever the writer commits anyway. The file's pages stay in the OS
    // page cache, so a miss costs a read from memory, and the node's memory does not grow with the log up to larger caps
    // (with 64 MiB for the writer and SQLite's default 2 MB a reader: 14-16 MB more at 1,000,000 entries than at 100,000).
    private const int WriterCacheKib = 8192;
    private const int ReaderCacheKib = 1024;

    private const string TreeHashesKept = "tree_hashes";

    private static async Task<SqliteLayout> CreateSchemaAsync(string path)
    {
        var cancel = CancellationToken.None;
        SqliteFiles.CreatePrivate(path);
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString());
        await db.OpenAsync(cancel);
        // 16 KiB pages for a new file (an existing one keeps its own): rows of a compressed record (~700 bytes) leave on average
        // half a row unused per page, about 80 bytes a row with 4 KiB pages and about 20 with 16 KiB.
        await ExecAsync(db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;", cancel);
        await using var tx = db.BeginTransaction(deferred: false);
        await using (var exists = Command(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'entries'"))
        {
            exists.Transaction = tx;
            // An existing store keeps its entries table as it is (every layout is read and appended to); a new one gets the current one.
            if ((long)(await exists.ExecuteScalarAsync(cancel))! == 0) await ExecAsync(db, SqliteLayout.CreateApart, cancel, tx);
        }
        await ExecAsync(db, """
            CREATE TABLE IF NOT EXISTS checkpoints (
                shard INTEGER NOT NULL, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL,
                PRIMARY KEY (shard, size)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS tree_hashes (
                shard INTEGER NOT NULL, level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
                PRIMARY KEY (shard, level, idx)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """, cancel, tx);
        // Signing times (Unix milliseconds), added to stores made before they were kept; their older rows stay null.
        await using (var signedAt = Command(db, "SELECT COUNT(*) FROM pragma_table_info('checkpoints') WHERE name = 'signed_at'"))
        {
            signedAt.Transaction = tx;
            if ((long)(await signedAt.ExecuteScalarAsync(cancel))! == 0) await ExecAsync(db, "ALTER TABLE checkpoints ADD COLUMN signed_at INTEGER;", cancel, tx);
        }
        SqliteLayout layout;
        await using (var columns = Command(db, "SELECT (SELECT COUNT(*) FROM pragma_table_info('entries') WHERE name = 'pos'), (SELECT COUNT(*) FROM pragma_table_info('entries') WHERE name = 'body')"))
        {
            columns.Transaction = tx;
            await using var reader = await columns.ExecuteReaderAsync(cancel);
            await reader.ReadAsync(cancel);
            layout = (reader.GetInt64(0), reader.GetInt64(1)) switch
            {
                (1, 1) => SqliteLayout.Apart,
                (1, _) => SqliteLayout.Inline,
                _ => SqliteLayout.Legacy,
            };
        }
        await KeepTreeHashesAsync(db, tx, layout, cancel);
        await tx.CommitAsync(cancel);
        return layout;
    }

    // A store written before tree hashes were kept gets them once, from its leaves, before anything else reads or appends.
    private static async Task KeepTreeHashesAsync(SqliteConnection db, SqliteTransaction tx, SqliteLayout layout, CancellationToken cancel)
    {
        await using (var kept = Command(db, "SELECT COUNT(*) FROM meta WHERE name = $name", ("$name", TreeHashesKept)))
        {
            kept.Transaction = tx;
            if ((long)(await kept.ExecuteScalarAsync(cancel))! == 1) return;
        }
        var shards = new List<int>();
        await using (var list = Command(db, "SELECT DISTINCT shard FROM entries"))
        {
            list.Transaction = tx;
            await using var reader = await list.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel)) shards.Add(reader.GetInt32(0));
        }
        await using var insert = Command(db, "INSERT OR REPLACE INTO tree_hashes (shard, level, idx, hash) VALUES ($shard, $level, $idx, $hash)",
            ("$shard", 0), ("$level", 0), ("$idx", 0L), ("$hash", Array.Empty<byte>()));
        insert.Transaction = tx;
        foreach (var shard in shards)
        {
            var edge = TreeEdge.Empty;
            var completed = new List<TreeHash>();
            await using var read = Command(db, $"SELECT record_id FROM entries WHERE {layout.Range}", ("$shard", shard), ("$from", 0L));
            read.Transaction = tx;
            await using var reader = await read.ExecuteReaderAsync(cancel);
            var batch = new List<byte[]>(TileMath.Width);
            while (true)
            {
                var more = await reader.ReadAsync(cancel);
                if (more) batch.Add(MerkleHash.LeafHash((byte[])reader[0]));
                if (batch.Count < TileMath.Width && more) continue;
                edge = edge.Append(batch, completed);
                batch.Clear();
                foreach (var hash in completed)
                {
                    (insert.Parameters[0].Value, insert.Parameters[1].Value, insert.Parameters[2].Value, insert.Parameters[3].Value) = (shard, hash.Level, (long)hash.Index, hash.Hash);
                    await insert.ExecuteNonQueryAsync(cancel);
                }
                completed.Clear();
                if (!more) break;
            }
        }
        await ExecAsync(db, $"INSERT INTO meta (name, value) VALUES ('{TreeHashesKept}', '1')", cancel, tx);
    }

    private static StoredCheckpoint ReadCheckpoint(SqliteDataReader row) => new(row.GetInt64(0), (byte[])row[1], row.GetString(2),
        row.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(3)));

    public async Task<ShardSnapshot> LoadShardAsync(int shard, CancellationToken cancel = default)
    {
        var layout = await LayoutAsync(cancel);
        await using var db = await OpenAsync(cancel);
        var ids = new List<byte[]>();
        await using (var cmd = Command(db, $"SELECT idx, record_id FROM entries WHERE {layout.Range}", ("$shard", shard), ("$from", 0L)))
        await using (var reader = await cmd.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                if (reader.GetInt64(0) != ids.Count) throw new InvalidDataException($"shard {shard}: leaf {ids.Count} is missing from the store");
                ids.Add((byte[])reader[1]);
            }
        }
        return new ShardSnapshot(ids, await LatestAsync(db, shard, cancel));
    }

    public async Task<StoredHead> LoadHeadAsync(int shard, CancellationToken cancel = default)
    {
        var layout = await LayoutAsync(cancel);
        await using var db = await OpenAsync(cancel);
        await using var size = Command(db, layout.Size, ("$shard", shard));
        return new StoredHead((long)(await size.ExecuteScalarAsync(cancel))!, await LatestAsync(db, shard, cancel));
    }

    private static async Task<StoredCheckpoint?> LatestAsync(SqliteConnection db, int shard, CancellationToken cancel)
    {
        await using var latest = Command(db, "SELECT size, root, note, signed_at FROM checkpoints WHERE shard = $shard ORDER BY size DESC LIMIT 1", ("$shard", shard));
        await using var row = await latest.ExecuteReaderAsync(cancel);
        return await row.ReadAsync(cancel) ? ReadCheckpoint(row) : null;
    }

    public async Task<IReadOnlyList<byte[]>> ReadTreeHashesAsync(int shard, int level, long fromIndex, int count, CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, "SELECT idx, hash FROM tree_hashes WHERE shard = $shard AND level = $level AND idx >= $from ORDER BY idx LIMIT $count",
            ("$shard", shard), ("$level", level), ("$from", fromIndex), ("$count", count));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        var hashes = new List<byte[]>(count);
        while (await reader.ReadAsync(cancel) && reader.GetInt64(0) == fromIndex + hashes.Count) hashes.Add((byte[])reader[1]);
        return hashes;
    }

    // Microsoft.Data.Sqlite completes "async" calls synchronously: a batch's lookups run on the thread pool, not on the
    // calling shard's scheduler thread.
    public Task<IReadOnlyList<StoredPosition?>> FindAsync(IReadOnlyList<byte[]> recordIds, CancellationToken cancel = default) =>
        Task.Run(() => FindNowAsync(recordIds, cancel), cancel);

    private async Task<IReadOnlyList<StoredPosition?>> FindNowAsync(IReadOnlyList<byte[]> recordIds, CancellationToken cancel)
    {
        var layout = await LayoutAsync(cancel);
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, layout.Find, ("$prefix", Array.Empty<byte>()), ("$id", Array.Empty<byte>()));
        var found = new StoredPosition?[recordIds.Count];
        for (var i = 0; i < recordIds.Count; i++)
        {
            (cmd.Parameters[0].Value, cmd.Parameters[1].Value) = (layout.Prefix(recordIds[i]), recordIds[i]);
            await using var reader = await cmd.ExecuteReaderAsync(cancel);
            if (await reader.ReadAsync(cancel)) found[i] = new StoredPosition(reader.GetInt32(0), reader.GetInt64(1));
        }
        return found;
    }

    // A body that no longer decompresses (damaged at rest) is handed on as stored, so `ledger fsck` names its leaf
    // (its bytes do not parse or hash to the record id) instead of failing the whole read.
    private static byte[] Body(object stored)
    {
        // A leaf whose body row is missing is handed on empty, for fsck to name likewise.
        if (stored is not byte[] bytes) return [];
        try { return RecordCompression.Decode(bytes); }
        catch (InvalidDataException) { return bytes; }
    }

    /// <summary>What the records take at rest: how many entries, and the bytes of their stored (compressed) bodies.</summary>
    public async Task<(long Entries, long StoredRecordBytes)> MeasureRecordsAsync(CancellationToken cancel = default)
    {
        var layout = await LayoutAsync(cancel);
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, layout.MeasureRecords);
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        await reader.ReadAsync(cancel);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // SQLite has one writer per file. Shards appending at once used to each open a transaction and meet
    // SQLITE_BUSY, sleeping in the busy handler (milliseconds each time). Instead, appends queue here and one
    // writer loop commits everything queued in one transaction, each append under its own savepoint: one fsync
    // for several shards' batches, no lock contention, and each append still atomic and durable when its task
    // completes. Microsoft.Data.Sqlite's async methods complete synchronously, so the loop runs on the thread pool
    // and a grain's scheduler thread is never blocked by disk I/O.
    private readonly Lock _queueGate = new();
    private List<PendingLogWrite> _queue = [];
    private bool _writing;
    private SqliteLogWriter? _writer;
    private bool _disposed;

    public Task AppendAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel = default)
    {
        if (cancel.IsCancellationRequested) return Task.FromCanceled(cancel);
        // Compressed on the thread pool, in parallel for a large batch, before the single writer loop, which only writes;
        // never on the calling grain's scheduler thread.
        return Task.Run(() => Enqueue(shard, expectedSize, Compress(entries), checkpoint), CancellationToken.None);
    }

    private static List<StoredEntry> Compress(IReadOnlyList<StoredEntry> entries)
    {
        var stored = new StoredEntry[entries.Count];
        if (entries.Count < 64) for (var i = 0; i < stored.Length; i++) stored[i] = entries[i] with { RecordJson = RecordCompression.Encode(entries[i].RecordJson) };
        else Parallel.For(0, stored.Length, i => stored[i] = entries[i] with { RecordJson = RecordCompression.Encode(entries[i].RecordJson) });
        return [.. stored];
    }

    private Task Enqueue(int shard, long expectedSize, IReadOnlyList<StoredEntry> stored, StoredCheckpoint checkpoint)
    {
        var write = new PendingLogWrite(shard, expectedSize, stored, checkpoint);
        bool start;
        lock (_queueGate)
        {
            _queue.Add(write);
            start = !_writing;
            _writing = true;
        }
        if (start) _ = Task.Run(WriteLoopAsync, CancellationToken.None);
        return write.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            List<PendingLogWrite> writes;
            lock (_queueGate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    if (_disposed) CloseWriter();
                    return;
                }
                writes = _queue;
                _queue = [];
            }
            try
            {
                _writer ??= new SqliteLogWriter(await OpenWriterAsync(), await LayoutAsync(CancellationToken.None));
                await _writer.CommitAsync(writes);
                foreach (var write in writes)
                {
                    if (write.Refused is { } refused) write.Done.TrySetException(refused);
                    else write.Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                foreach (var write in writes) write.Done.TrySetException(write.Refused ?? e);
                // Start the next commit on a fresh connection, whatever state this one is in.
                CloseWriter();
            }
        }
    }

    private void CloseWriter()
    {
        var writer = _writer;
        _writer = null;
        try { writer?.Dispose(); }
        catch (SqliteException) { }
    }

    /// <summary>Closes the writing connection (now, or when the commit in progress ends).</summary>
    public void Dispose()
    {
        lock (_queueGate)
        {
            _disposed = true;
            if (!_writing) CloseWriter();
        }
    }

    // The writer's connection keeps a larger page cache: appends touch the record-id index at random.
    private async Task<SqliteConnection> OpenWriterAsync()
    {
        var db = await OpenAsync(CancellationToken.None);
        await ExecAsync(db, $"PRAGMA cache_size=-{WriterCacheKib};", CancellationToken.None);
        return db;
    }

    public async Task<StoredRecord?> GetRecordAsync(string recordId, CancellationToken cancel = default)
    {
        var id = Hex.TryDecodeLower(recordId, 32);
        if (id is null) return null;
        var layout = await LayoutAsync(cancel);
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, layout.FindWithBody, ("$prefix", layout.Prefix(id)), ("$id", id));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? new StoredRecord(recordId, reader.GetInt32(0), reader.GetInt64(1), Body(reader[2])) : null;
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadEntriesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default)
    {
        var layout = await LayoutAsync(cancel);
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, $"SELECT idx, record_id, json FROM {layout.WithBodies} WHERE {layout.Range} LIMIT $count",
            ("$shard", shard), ("$from", fromIndex), ("$count", count));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<StoredRecord>();
        while (await reader.ReadAsync(cancel))
            list.Add(new StoredRecord(Convert.ToHexStringLower((byte[])reader[1]), shard, reader.GetInt64(0), Body(reader[2])));
        return list;
    }

    public async Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default)
    {
        var layout = await LayoutAsync(cancel);
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, $"SELECT idx, record_id FROM entries WHERE {layout.Range} LIMIT $count",
            ("$shard", shard), ("$from", fromIndex), ("$count", count));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<StoredLeaf>();
        while (await reader.ReadAsync(cancel)) list.Add(new StoredLeaf(reader.GetInt64(0), (byte[])reader[1]));
        return list;
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> GetCheckpointsAsync(int shard, CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using var cmd = Command(db, "SELECT size, root, note, signed_at FROM checkpoints WHERE shard = $shard ORDER BY size", ("$shard", shard));
        await using var reader = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<StoredCheckpoint>();
        while (await reader.ReadAsync(cancel)) list.Add(ReadCheckpoint(reader));
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

    private const string InvariantsName = "invariants";

    public async Task<LogInvariants?> GetInvariantsAsync(CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using var read = Command(db, "SELECT value FROM meta WHERE name = $name", ("$name", InvariantsName));
        return await read.ExecuteScalarAsync(cancel) is string text ? LogInvariants.Parse(text) : null;
    }

    public async Task<LogInvariants> KeepInvariantsAsync(LogInvariants invariants, CancellationToken cancel = default)
    {
        await using (var db = await OpenAsync(cancel))
        await using (var insert = Command(db, "INSERT OR IGNORE INTO meta (name, value) VALUES ($name, $value)", ("$name", InvariantsName), ("$value", invariants.ToText())))
            await insert.ExecuteNonQueryAsync(cancel);
        return (await GetInvariantsAsync(cancel))!;
    }

    public async Task<byte[]?> TryGetSecretAsync(string name, CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using var read = Command(db, "SELECT value FROM secrets WHERE name = $name", ("$name", name));
        return await read.ExecuteScalarAsync(cancel) as byte[];
    }

    public async Task ProbeWriteAsync(CancellationToken cancel = default)
    {
        await using var db = await OpenAsync(cancel);
        await using var tx = db.BeginTransaction(deferred: false);
        // Its own table, made on first use: a store written before probes existed needs no migration.
        await using (var create = Command(db, "CREATE TABLE IF NOT EXISTS write_probe (name TEXT PRIMARY KEY, written_at TEXT NOT NULL)"))
        {
            create.Transaction = tx;
            await create.ExecuteNonQueryAsync(cancel);
        }
        await using (var write = Command(db, "INSERT OR REPLACE INTO write_probe (name, written_at) VALUES ('probe', $at)", ("$at", DateTimeOffset.UtcNow.ToString("O"))))
        {
            write.Transaction = tx;
            await write.ExecuteNonQueryAsync(cancel);
        }
        await tx.CommitAsync(cancel);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancel)
    {
        await _schema.Value.WaitAsync(cancel);
        var db = new SqliteConnection(_connectionString);
        await db.OpenAsync(cancel);
        await ExecAsync(db, $"PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-{ReaderCacheKib};", cancel);
        return db;
    }

    private static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object Value)[] args)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }

    private static async Task ExecAsync(SqliteConnection db, string sql, CancellationToken cancel, SqliteTransaction? tx = null)
    {
        await using var cmd = Command(db, sql);
        cmd.Transaction = tx;
        await cmd.ExecuteNonQueryAsync(cancel);
    }
}
