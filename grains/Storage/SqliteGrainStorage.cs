using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// Orleans grain storage in the embedded SQLite file: one row per (grain, state name), optimistic concurrency
/// on an ETag that changes on every write; conflicts surface as <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class SqliteGrainStorage(string path, Serializer serializer) : IGrainStorage
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
    private readonly Lazy<Task> _schema = new(() => CreateSchemaAsync(path));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.Run(async () =>
    {
        await using var db = await OpenAsync();
        await using var cmd = Command(db, "SELECT etag, data FROM grain_state WHERE grain_id = $g AND state_name = $s", grainId, stateName);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (await reader.ReadAsync() && !reader.IsDBNull(1))
        {
            grainState.State = serializer.Deserialize<T>((byte[])reader[1]);
            grainState.ETag = reader.GetString(0);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = reader.HasRows ? reader.GetString(0) : null;
            grainState.RecordExists = false;
        }
    });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.Run(async () =>
    {
        grainState.ETag = await PutAsync(stateName, grainId, grainState.ETag, serializer.SerializeToArray(grainState.State));
        grainState.RecordExists = true;
    });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.Run(async () =>
    {
        grainState.ETag = await PutAsync(stateName, grainId, grainState.ETag, null);
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    });

    // Writes data (null = cleared) if the stored ETag still equals expectedEtag; returns the new ETag.
    private async Task<string> PutAsync(string stateName, GrainId grainId, string? expectedEtag, byte[]? data)
    {
        var newEtag = Guid.NewGuid().ToString("N");
        await using var db = await OpenAsync();
        await using var cmd = expectedEtag is null
            ? Command(db, "INSERT INTO grain_state (grain_id, state_name, etag, data) VALUES ($g, $s, $new, $data) ON CONFLICT DO NOTHING", grainId, stateName)
            : Command(db, "UPDATE grain_state SET etag = $new, data = $data WHERE grain_id = $g AND state_name = $s AND etag = $old", grainId, stateName);
        cmd.Parameters.AddWithValue("$new", newEtag);
        cmd.Parameters.AddWithValue("$data", (object?)data ?? DBNull.Value);
        if (expectedEtag is not null) cmd.Parameters.AddWithValue("$old", expectedEtag);
        if (await cmd.ExecuteNonQueryAsync() == 1) return newEtag;
        throw new InconsistentStateException(
            $"state {stateName} of {grainId} was changed by someone else (expected ETag {expectedEtag ?? "none"})", expectedEtag, null, null);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        await _schema.Value;
        var db = new SqliteConnection(_connectionString);
        await db.OpenAsync();
        await using var pragma = db.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync();
        return db;
    }

    private static async Task CreateSchemaAsync(string path)
    {
        SqliteFiles.CreatePrivate(path);
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString());
        await db.OpenAsync();
        await using var create = db.CreateCommand();
        create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS grain_state (grain_id TEXT NOT NULL, state_name TEXT NOT NULL, etag TEXT NOT NULL, data BLOB, PRIMARY KEY (grain_id, state_name));";
        await create.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection db, string sql, GrainId grainId, string stateName)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$g", grainId.ToString());
        cmd.Parameters.AddWithValue("$s", stateName);
        return cmd;
    }
}
