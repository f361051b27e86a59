namespace LedgerCluster.Grains.Storage;

/// <summary>
/// The SQL that differs between the two layouts of the entries table. <see cref="Compact"/> (stores created since issue 16):
/// the row id is the position (shard &lt;&lt; 40 | index), shard and idx are virtual columns computed from it, and record ids are
/// indexed by their first 8 bytes (the writer checks the full id), about 70 bytes per leaf less than <see cref="Legacy"/>:
/// a separate (shard, idx) key and a unique index on the full 32-byte id. Both read and append the same way otherwise.
/// </summary>
internal sealed record SqliteLayout(bool IsCompact)
{
    public const int ShardShift = 40;
    public const long IndexMask = (1L << ShardShift) - 1;

    public static SqliteLayout Compact { get; } = new(true);
    public static SqliteLayout Legacy { get; } = new(false);

    public const string CreateCompact = """
        CREATE TABLE entries (
            pos INTEGER PRIMARY KEY, record_id BLOB NOT NULL, json BLOB NOT NULL,
            shard INTEGER GENERATED ALWAYS AS (pos >> 40) VIRTUAL,
            idx INTEGER GENERATED ALWAYS AS (pos & 1099511627775) VIRTUAL);
        CREATE INDEX entries_by_record_prefix ON entries (substr(record_id, 1, 8));
        """;

    public static long Position(int shard, long index) => ((long)shard << ShardShift) | index;

    /// <summary>The shard's leaves from $from, in order: WHERE and ORDER BY over (shard, idx) or the position.</summary>
    public string Range => IsCompact
        ? "pos >= ($shard << 40) + $from AND pos < (($shard + 1) << 40) ORDER BY pos"
        : "shard = $shard AND idx >= $from ORDER BY idx";

    /// <summary>The shard's leaf count: one past its last index.</summary>
    public string Size => IsCompact
        ? "SELECT COALESCE((SELECT pos - ($shard << 40) + 1 FROM entries WHERE pos >= ($shard << 40) AND pos < (($shard + 1) << 40) ORDER BY pos DESC LIMIT 1), 0)"
        : "SELECT COALESCE(MAX(idx) + 1, 0) FROM entries WHERE shard = $shard";

    public string Insert => IsCompact
        ? "INSERT INTO entries (pos, record_id, json) VALUES (($shard << 40) + $idx, $id, $json)"
        : "INSERT INTO entries (shard, idx, record_id, json) VALUES ($shard, $idx, $id, $json)";

    /// <summary>Finds a record id ($id, with $prefix its first 8 bytes) through whichever index the layout has.</summary>
    public const string Find = "SELECT shard, idx FROM entries WHERE substr(record_id, 1, 8) = $prefix AND record_id = $id";
}
