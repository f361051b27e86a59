using LedgerCluster.Core.Hashing;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// The store's one writing connection, kept open with its statements prepared once: every combined commit of the
/// log's appends runs through it, so none pays for opening, pragmas or SQL parsing again.
/// </summary>
internal sealed class SqliteLogWriter(SqliteConnection db, SqliteLayout layout) : IDisposable
{
    private readonly SqliteCommand _size = Prepare(db, layout.Size, "$shard");
    private readonly SqliteCommand _find = Prepare(db, layout.Find, "$prefix", "$id");
    private readonly SqliteCommand _insert = Prepare(db, layout.Insert, "$shard", "$idx", "$id", "$json");
    private readonly SqliteCommand _checkpoint = Prepare(db, "INSERT INTO checkpoints (shard, size, root, note, signed_at) VALUES ($shard, $size, $root, $note, $signed_at)",
        "$shard", "$size", "$root", "$note", "$signed_at");
    private readonly SqliteCommand _previous = Prepare(db, "SELECT size FROM checkpoints WHERE shard = $shard AND size < $size ORDER BY size DESC LIMIT 2", "$shard", "$size");
    private readonly SqliteCommand _drop = Prepare(db, "DELETE FROM checkpoints WHERE shard = $shard AND size = $size", "$shard", "$size");
    private readonly SqliteCommand _treeHash = Prepare(db, "INSERT INTO tree_hashes (shard, level, idx, hash) VALUES ($shard, $level, $idx, $hash)", "$shard", "$level", "$idx", "$hash");
    private readonly SqliteCommand _savepoint = Prepare(db, "SAVEPOINT append");
    private readonly SqliteCommand _release = Prepare(db, "RELEASE append");
    private readonly SqliteCommand _rollback = Prepare(db, "ROLLBACK TO append");

    /// <summary>
    /// Commits every write in one transaction, each under its own savepoint: a write whose shard is not at the expected
    /// size (another activation appended), or whose record or index is already stored, is rolled back alone and marked
    /// <see cref="PendingLogWrite.Refused"/>; the rest commit together, durable when this returns.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<PendingLogWrite> writes)
    {
        await using var tx = db.BeginTransaction(deferred: false);
        foreach (var command in Commands) command.Transaction = tx;
        foreach (var write in writes)
        {
            await _savepoint.ExecuteNonQueryAsync();
            try
            {
                Append(write);
                await _release.ExecuteNonQueryAsync();
            }
            catch (InconsistentStateException e)
            {
                write.Refused = e;
                await _rollback.ExecuteNonQueryAsync();
                await _release.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
    }

    private SqliteCommand[] Commands => [_size, _find, _insert, _checkpoint, _previous, _drop, _treeHash, _savepoint, _release, _rollback];

    private void Append(PendingLogWrite write)
    {
        _size.Parameters[0].Value = write.Shard;
        var current = (long)_size.ExecuteScalar()!;
        if (current != write.ExpectedSize)
            throw new InconsistentStateException($"shard {write.Shard} has {current} leaves in storage, expected {write.ExpectedSize}: another activation appended", current.ToString(), write.ExpectedSize.ToString(), null);
        var p = _insert.Parameters;
        p[0].Value = write.Shard;
        foreach (var entry in write.Entries)
        {
            // The index holds only the ids' first bytes, so uniqueness is checked here, across every shard.
            (_find.Parameters[0].Value, _find.Parameters[1].Value) = (layout.Prefix(entry.RecordId), entry.RecordId);
            using (var found = _find.ExecuteReader())
                if (found.Read())
                    throw new InconsistentStateException($"shard {write.Shard}: record {Hex.Encode(entry.RecordId)} is already stored (shard {found.GetInt32(0)}, index {found.GetInt64(1)})");
            (p[1].Value, p[2].Value, p[3].Value) = (entry.Index, entry.RecordId, entry.RecordJson);
            try { _insert.ExecuteNonQuery(); }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                throw new InconsistentStateException($"shard {write.Shard}: record {Hex.Encode(entry.RecordId)} or index {entry.Index} is already stored", e);
            }
        }
        var c = _checkpoint.Parameters;
        (c[0].Value, c[1].Value, c[2].Value, c[3].Value) = (write.Shard, write.Checkpoint.Size, write.Checkpoint.Root, write.Checkpoint.Note);
        c[4].Value = write.Checkpoint.SignedAt is { } signedAt ? signedAt.ToUnixTimeMilliseconds() : DBNull.Value;
        _checkpoint.ExecuteNonQuery();
        var t = _treeHash.Parameters;
        t[0].Value = write.Shard;
        foreach (var hash in write.Checkpoint.TreeHashes)
        {
            (t[1].Value, t[2].Value, t[3].Value) = (hash.Level, (long)hash.Index, hash.Hash);
            try { _treeHash.ExecuteNonQuery(); }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                throw new InconsistentStateException($"shard {write.Shard}: tree hash {hash.Level}/{hash.Index} is already stored", e);
            }
        }
        ThinCheckpoints(write.Shard, write.Checkpoint.Size);
    }

    // The checkpoint just before this one goes unless it is far enough past the one kept before it (see CheckpointSpacing).
    private void ThinCheckpoints(int shard, long size)
    {
        (_previous.Parameters[0].Value, _previous.Parameters[1].Value) = (shard, size);
        var sizes = new List<long>(2);
        using (var reader = _previous.ExecuteReader())
            while (reader.Read()) sizes.Add(reader.GetInt64(0));
        if (sizes.Count < 2) return;
        var (previous, kept) = (sizes[0], sizes[1]);
        if (previous - kept >= Math.Max(1, previous / SqliteLogStore.CheckpointSpacing)) return;
        (_drop.Parameters[0].Value, _drop.Parameters[1].Value) = (shard, previous);
        _drop.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in Commands) command.Dispose();
        db.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection db, string sql, params string[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }
}
