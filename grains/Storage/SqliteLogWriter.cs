using LedgerCluster.Core.Hashing;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// The store's one writing connection, kept open with its statements prepared once: every combined commit of the
/// log's appends runs through it, so none pays for opening, pragmas or SQL parsing again.
/// </summary>
internal sealed class SqliteLogWriter(SqliteConnection db) : IDisposable
{
    private readonly SqliteCommand _size = Prepare(db, "SELECT COALESCE(MAX(idx) + 1, 0) FROM entries WHERE shard = $shard", "$shard");
    private readonly SqliteCommand _insert = Prepare(db, "INSERT INTO entries (shard, idx, record_id, json) VALUES ($shard, $idx, $id, $json)", "$shard", "$idx", "$id", "$json");
    private readonly SqliteCommand _checkpoint = Prepare(db, "INSERT INTO checkpoints (shard, size, root, note, signed_at) VALUES ($shard, $size, $root, $note, $signed_at)",
        "$shard", "$size", "$root", "$note", "$signed_at");
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
        foreach (var command in new[] { _size, _insert, _checkpoint, _savepoint, _release, _rollback }) command.Transaction = tx;
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
    }

    public void Dispose()
    {
        foreach (var command in new[] { _size, _insert, _checkpoint, _savepoint, _release, _rollback }) command.Dispose();
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
