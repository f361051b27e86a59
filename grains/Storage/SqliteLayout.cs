namespace LedgerCluster.Grains.Storage;

/// <summary>
/// The SQL that differs between the three layouts of the entries table; all three are read and appended to the same way.
/// <list type="bullet">
/// <item><see cref="Apart"/> (stores created now): <c>entries (pos, record_id, body)</c>, small rows keyed by position
/// (shard &lt;&lt; 40 | index, with shard and idx as virtual columns), record ids indexed by their first 4 bytes, and the
/// stored record bodies in <c>bodies</c>, keyed by the order they were written. Every shard appends in the middle of the
/// position-keyed tree, where SQLite splits pages evenly and leaves them about 5% empty; with the ~700-byte bodies in
/// there that was ~35 bytes a leaf. Bodies are always appended at the end of their own tree, whose pages SQLite fills.</item>
/// <item><see cref="Inline"/> (stores created earlier in issue 16): <c>entries (pos, record_id, json)</c>, the body in
/// the position-keyed row, record ids indexed by their first 8 bytes.</item>
/// <item><see cref="Legacy"/> (before issue 16): a separate (shard, idx) key and a unique index on the full 32-byte id.</item>
/// </list>
/// The prefix indexes do not enforce uniqueness: the writer checks the whole id, across every shard, before inserting.
/// </summary>
internal sealed record SqliteLayout(bool KeyedByPosition, bool BodiesApart, int PrefixLength)
{
    public const int ShardShift = 40;
    public const long IndexMask = (1L << ShardShift) - 1;

    public static SqliteLayout Apart { get; } = new(true, true, 4);
    public static SqliteLayout Inline { get; } = new(true, false, 8);
    public static SqliteLayout Legacy { get; } = new(false, false, 8);

    public const string CreateApart = """
        CREATE TABLE entries (
            pos INTEGER PRIMARY KEY, record_id BLOB NOT NULL, body INTEGER NOT NULL,
            shard INTEGER GENERATED ALWAYS AS (pos >> 40) VIRTUAL,
            idx INTEGER GENERATED ALWAYS AS (pos & 1099511627775) VIRTUAL);
        CREATE TABLE bodies (seq INTEGER PRIMARY KEY, json BLOB NOT NULL);
        CREATE INDEX entries_by_record_prefix ON entries (substr(record_id, 1, 4));
        """;

    public static long Position(int shard, long index) => ((long)shard << ShardShift) | index;

    /// <summary>The shard's leaves from $from, in order: WHERE and ORDER BY over (shard, idx) or the position.</summary>
    public string Range => KeyedByPosition
        ? "pos >= ($shard << 40) + $from AND pos < (($shard + 1) << 40) ORDER BY pos"
        : "shard = $shard AND idx >= $from ORDER BY idx";

    /// <summary>The shard's leaf count: one past its last index.</summary>
    public string Size => KeyedByPosition
        ? "SELECT COALESCE((SELECT pos - ($shard << 40) + 1 FROM entries WHERE pos >= ($shard << 40) AND pos < (($shard + 1) << 40) ORDER BY pos DESC LIMIT 1), 0)"
        : "SELECT COALESCE(MAX(idx) + 1, 0) FROM entries WHERE shard = $shard";

    /// <summary>Appends one leaf; where bodies are apart, its body first (at the end of <c>bodies</c>), then the row naming it.</summary>
    public string Insert => (KeyedByPosition, BodiesApart) switch
    {
        (true, true) => "INSERT INTO bodies (json) VALUES ($json); INSERT INTO entries (pos, record_id, body) VALUES (($shard << 40) + $idx, $id, last_insert_rowid())",
        (true, false) => "INSERT INTO entries (pos, record_id, json) VALUES (($shard << 40) + $idx, $id, $json)",
        _ => "INSERT INTO entries (shard, idx, record_id, json) VALUES ($shard, $idx, $id, $json)",
    };

    /// <summary>
    /// Where the columns shard, idx, record_id and json are read from. A leaf whose body row is missing reads with a null
    /// body (not as no leaf), so `ledger fsck` names it.
    /// </summary>
    public string WithBodies => BodiesApart ? "entries LEFT JOIN bodies ON bodies.seq = entries.body" : "entries";

    /// <summary>Finds a record id ($id, with $prefix its first <see cref="PrefixLength"/> bytes) through whichever index the layout has.</summary>
    public string Find => $"SELECT shard, idx FROM entries WHERE substr(record_id, 1, {PrefixLength}) = $prefix AND record_id = $id";

    /// <summary><see cref="Find"/> with the stored body.</summary>
    public string FindWithBody => $"SELECT shard, idx, json FROM {WithBodies} WHERE substr(record_id, 1, {PrefixLength}) = $prefix AND record_id = $id";

    /// <summary>How many leaves, and the bytes of their stored bodies.</summary>
    public string MeasureRecords => BodiesApart
        ? "SELECT (SELECT COUNT(*) FROM entries), (SELECT COALESCE(SUM(length(json)), 0) FROM bodies)"
        : "SELECT COUNT(*), COALESCE(SUM(length(json)), 0) FROM entries";

    public byte[] Prefix(byte[] recordId) => recordId.AsSpan(0, Math.Min(PrefixLength, recordId.Length)).ToArray();
}
