using System.Buffers.Binary;
using Azure.Data.Tables;

namespace LedgerCluster.Grains.Storage.Azure;

/// <summary>
/// One committed append of a shard as its segment row "g{start:D19}" holds it: the record ids in order (32 bytes each,
/// over Ids, Ids1 … Ids14), and in the batch layout also the name of the one blob holding the records' JSON back to back
/// (Blob) and each record's byte length (Lengths, 4 bytes little-endian each), from which every record's byte range follows.
/// A small append keeps its records' JSON in the row itself instead of a blob (Data, Data1 …, at most
/// <see cref="MaxInlineBytes"/>): one request fewer per append, and none to read them back. A segment of the per-record
/// layout (written before the batch layout) has neither Blob nor Lengths: its records are blobs "r/{id}".
/// </summary>
internal sealed class AzureLogSegment
{
    public const int IdBytes = 32;
    private const int IdsPerProperty = AzureTableGrainStorage.MaxPropertyBytes / IdBytes;
    private const int MaxIdProperties = 15;
    private const int LengthsPerProperty = AzureTableGrainStorage.MaxPropertyBytes / sizeof(int);

    /// <summary>The most record ids any segment row holds (all its id properties full), whichever layout wrote it.</summary>
    public const int MaxIds = IdsPerProperty * MaxIdProperties;

    /// <summary>Entries one append may hold: ids and lengths stay well inside an entity's 1 MiB (576 KiB at most).</summary>
    public const int MaxEntries = 16_384;

    /// <summary>Records' JSON up to this many bytes in all go in the segment row (three properties; the row stays under 1 MiB).</summary>
    public const int MaxInlineBytes = 3 * AzureTableGrainStorage.MaxPropertyBytes;

    private static readonly string[] IdProperties = IdPropertyNames().ToArray();
    private static readonly string[] DataProperties = Enumerable.Range(0, MaxInlineBytes / AzureTableGrainStorage.MaxPropertyBytes).Select(i => i == 0 ? "Data" : $"Data{i}").ToArray();
    private static readonly string[] LengthProperties = LengthPropertyNames().ToArray();

    private readonly byte[] _ids;
    private readonly long[]? _offsets;
    private readonly byte[]? _inline;

    private AzureLogSegment(long start, byte[] ids, string? blob, long[]? offsets, byte[]? inline, bool isInline = false)
    {
        Start = start;
        _ids = ids;
        Blob = blob;
        _offsets = offsets;
        _inline = inline;
        IsInline = isInline || inline is not null;
    }

    /// <summary>
    /// The columns of a segment row without records kept in it: what loading a shard or reading leaves needs, so neither
    /// downloads records (select these; <see cref="Read"/> with withRecords false).
    /// </summary>
    public static IReadOnlyList<string> WithoutRecords { get; } = ["Start", "End", "Count", "Blob", .. IdPropertyNames(), .. LengthPropertyNames()];

    private static IEnumerable<string> IdPropertyNames() => Enumerable.Range(0, MaxIdProperties).Select(i => i == 0 ? "Ids" : $"Ids{i}");

    private static IEnumerable<string> LengthPropertyNames() => Enumerable.Range(0, MaxEntries / LengthsPerProperty).Select(i => i == 0 ? "Lengths" : $"Lengths{i}");

    public long Start { get; }

    public int Count => _ids.Length / IdBytes;

    public long End => Start + Count;

    /// <summary>The batch blob holding this segment's records, or null (records in the row, or in per-record blobs).</summary>
    public string? Blob { get; }

    /// <summary>The records' JSON is in the row itself (and loaded, unless read without records).</summary>
    public bool IsInline { get; }

    /// <summary>Of the per-record layout: each record is blob "r/{id}".</summary>
    public bool IsPerRecord => _offsets is null;

    /// <summary>The JSON of record <paramref name="position"/> of an inline segment.</summary>
    public byte[] InlineRecord(int position) =>
        _inline is { } data ? data.AsSpan((int)_offsets![position], (int)(_offsets[position + 1] - _offsets[position])).ToArray() : throw new InvalidOperationException("the segment's records are not in its row, or were not read");
    public byte[] IdAt(int position) => _ids.AsSpan(position * IdBytes, IdBytes).ToArray();

    /// <summary>The position of <paramref name="id"/> in this segment, or -1.</summary>
    public int PositionOf(ReadOnlySpan<byte> id)
    {
        for (var i = 0; i < Count; i++)
            if (_ids.AsSpan(i * IdBytes, IdBytes).SequenceEqual(id)) return i;
        return -1;
    }

    /// <summary>Byte offset of record <paramref name="position"/> in <see cref="Blob"/> (Count gives the blob's length).</summary>
    public long OffsetOf(int position) => _offsets is { } offsets ? offsets[position] : throw new InvalidOperationException("a per-record segment has no byte ranges");

    public static AzureLogSegment Read(TableEntity row, bool withRecords = true)
    {
        var start = row.GetInt64("Start") ?? throw new InvalidDataException($"segment {row.RowKey}: Start is missing");
        var count = row.GetInt32("Count") ?? 0;
        var ids = new byte[count * IdBytes];
        var filled = 0;
        foreach (var property in IdProperties)
        {
            if (filled == ids.Length) break;
            var bytes = row.GetBinary(property) ?? throw new InvalidDataException($"segment {row.RowKey}: {property} is missing");
            if (filled + bytes.Length > ids.Length) throw new InvalidDataException($"segment {row.RowKey}: more ids than its count {count}");
            bytes.CopyTo(ids, filled);
            filled += bytes.Length;
        }
        if (filled != ids.Length) throw new InvalidDataException($"segment {row.RowKey}: {filled / IdBytes} ids, expected {count}");
        var blob = row.GetString("Blob");
        if (blob is null && row.GetBinary("Lengths") is null) return new AzureLogSegment(start, ids, null, null, null);
        var offsets = new long[count + 1];
        var read = 0;
        foreach (var property in LengthProperties)
        {
            if (read == count) break;
            var bytes = row.GetBinary(property) ?? throw new InvalidDataException($"segment {row.RowKey}: {property} is missing");
            for (var off = 0; off + sizeof(int) <= bytes.Length && read < count; off += sizeof(int), read++)
                offsets[read + 1] = offsets[read] + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(off));
        }
        if (read != count) throw new InvalidDataException($"segment {row.RowKey}: {read} record lengths, expected {count}");
        if (blob is not null) return new AzureLogSegment(start, ids, blob, offsets, null);
        if (!withRecords) return new AzureLogSegment(start, ids, null, offsets, null, isInline: true);
        var inline = new byte[offsets[count]];
        var copied = 0;
        foreach (var property in DataProperties)
        {
            if (copied == inline.Length) break;
            var bytes = row.GetBinary(property) ?? throw new InvalidDataException($"segment {row.RowKey}: {property} is missing");
            if (copied + bytes.Length > inline.Length) throw new InvalidDataException($"segment {row.RowKey}: more record bytes than its lengths say");
            bytes.CopyTo(inline, copied);
            copied += bytes.Length;
        }
        if (copied != inline.Length) throw new InvalidDataException($"segment {row.RowKey}: {copied} record bytes, its lengths say {inline.Length}");
        return new AzureLogSegment(start, ids, null, offsets, inline);
    }

    /// <summary>Whether an append of these records keeps them in its segment row rather than a blob.</summary>
    public static bool FitsInline(IReadOnlyList<StoredEntry> entries) => entries.Sum(e => (long)e.RecordJson.Length) <= MaxInlineBytes;

    /// <summary>
    /// The segment row of an append in the batch layout: its ids, each record's length, and the name of its blob, or (null)
    /// the records themselves.
    /// </summary>
    public static TableEntity Row(string partition, string rowKey, long start, IReadOnlyList<StoredEntry> entries, string? blob)
    {
        if (entries.Count > MaxEntries) throw new ArgumentOutOfRangeException(nameof(entries), $"at most {MaxEntries} entries per append");
        var row = new TableEntity(partition, rowKey) { ["Start"] = start, ["End"] = start + entries.Count, ["Count"] = entries.Count };
        if (blob is not null) row["Blob"] = blob;
        else
        {
            if (!FitsInline(entries)) throw new ArgumentOutOfRangeException(nameof(entries), $"more than {MaxInlineBytes} bytes of records to keep in a row");
            var data = new byte[entries.Sum(e => e.RecordJson.Length)];
            var at = 0;
            foreach (var entry in entries)
            {
                entry.RecordJson.CopyTo(data, at);
                at += entry.RecordJson.Length;
            }
            for (int p = 0, i = 0; i < data.Length; p++, i += AzureTableGrainStorage.MaxPropertyBytes)
                row[DataProperties[p]] = data.AsSpan(i, Math.Min(AzureTableGrainStorage.MaxPropertyBytes, data.Length - i)).ToArray();
        }
        for (int p = 0, i = 0; i < entries.Count; p++, i += IdsPerProperty)
        {
            var n = Math.Min(IdsPerProperty, entries.Count - i);
            var bytes = new byte[n * IdBytes];
            for (var j = 0; j < n; j++) entries[i + j].RecordId.CopyTo(bytes, j * IdBytes);
            row[IdProperties[p]] = bytes;
        }
        for (int p = 0, i = 0; i < entries.Count; p++, i += LengthsPerProperty)
        {
            var n = Math.Min(LengthsPerProperty, entries.Count - i);
            var bytes = new byte[n * sizeof(int)];
            for (var j = 0; j < n; j++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(j * sizeof(int)), entries[i + j].RecordJson.Length);
            row[LengthProperties[p]] = bytes;
        }
        return row;
    }
}
