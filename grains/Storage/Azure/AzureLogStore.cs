using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage.Azure;

/// <summary>
/// The log on Azure Storage. Per shard, one table partition "s{shard}" holds
/// <list type="bullet">
/// <item>the head row ("head": Size and the latest checkpoint), updated under its ETag;</item>
/// <item>one segment row per append ("g{start:D19}": the appended record ids, 32 bytes each, over Ids, Ids1 … Ids14);</item>
/// <item>one checkpoint row per append ("c{size:D19}").</item>
/// </list>
/// An append commits those three in one entity-group transaction, conditional on the head's ETag after checking its Size, so
/// two activations can never fork a shard: the loser gets <see cref="InconsistentStateException"/>. Record JSON is uploaded
/// before the commit to blob "r/{id}" (content-addressed by the record id, first writer wins); after the commit the
/// record's location (shard, index) is written to partition "r{first two hex digits}". A crash between the commit and the
/// location rows is rolled forward by the next <see cref="LoadShardAsync"/> of that shard, which every new activation
/// does first. Secrets live in partition "secret" and the log's invariants in row "meta"/"invariants", both created with
/// insert-if-absent (first writer wins).
/// </summary>
public sealed class AzureLogStore : ILogStore
{
    public const string DefaultTableName = "LedgerLog";
    public const string DefaultContainerName = "ledger-records";
    private const int IdBytes = 32;
    private const int IdsPerProperty = AzureTableGrainStorage.MaxPropertyBytes / IdBytes;
    private const int MaxIdProperties = 15;
    private const string Head = "head";
    private const string MetaPartition = "meta";
    private const string InvariantsRow = "invariants";

    private static readonly string[] IdProperties = Enumerable.Range(0, MaxIdProperties).Select(i => i == 0 ? "Ids" : $"Ids{i}").ToArray();

    private readonly TableClient _table;
    private readonly BlobContainerClient _container;
    private readonly Lazy<Task> _init;

    public AzureLogStore(TableServiceClient tables, BlobServiceClient blobs, string tableName = DefaultTableName, string containerName = DefaultContainerName)
    {
        if (!AzureStorageClients.IsValidTableName(tableName)) throw new ArgumentException($"invalid table name '{tableName}'", nameof(tableName));
        if (!AzureStorageClients.IsValidContainerName(containerName)) throw new ArgumentException($"invalid container name '{containerName}'", nameof(containerName));
        _table = tables.GetTableClient(tableName);
        _container = blobs.GetBlobContainerClient(containerName);
        _init = new Lazy<Task>(async () =>
        {
            await _table.CreateIfNotExistsAsync();
            await _container.CreateIfNotExistsAsync();
        });
    }

    public AzureLogStore(string connectionString, string tableName = DefaultTableName, string containerName = DefaultContainerName)
        : this(AzureStorageClients.Tables(connectionString), AzureStorageClients.Blobs(connectionString), tableName, containerName) { }

    public Task InitializeAsync(CancellationToken cancel = default) => _init.Value.WaitAsync(cancel);

    private static string ShardKey(int shard) => $"s{shard}";
    private static string SegmentKey(long start) => $"g{start:D19}";
    private static string CheckpointKey(long size) => $"c{size:D19}";
    private static string RecordPartition(string idHex) => "r" + idHex[..2];
    private static string RecordBlob(string idHex) => $"r/{idHex}";

    public async Task<ShardSnapshot> LoadShardAsync(int shard, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var head = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), Head, cancellationToken: cancel);
        if (!head.HasValue || head.Value is null) return new ShardSnapshot([], null);
        var size = head.Value.GetInt64("Size") ?? 0;
        var ids = new List<byte[]>();
        TableEntity? last = null;
        await foreach (var segment in Segments(shard, 0, cancel))
        {
            if (segment.GetInt64("Start") != ids.Count) throw new InvalidDataException($"shard {shard}: leaf {ids.Count} is missing from the store");
            var start = ids.Count;
            ids.AddRange(SegmentIds(segment));
            if (start < size) last = segment;
        }
        if (ids.Count < size) throw new InvalidDataException($"shard {shard}: head says {size} leaves, segments hold {ids.Count}");
        // Segments are only written with the head, so none lies beyond it; trim defensively all the same.
        if (ids.Count > size) ids.RemoveRange((int)size, ids.Count - (int)size);
        if (last is not null) await WriteLocationsAsync(shard, last.GetInt64("Start")!.Value, SegmentIds(last), cancel);
        return new ShardSnapshot(ids, Latest(head.Value));
    }

    private static StoredCheckpoint? Latest(TableEntity head) =>
        head.GetBinary("Root") is { } root ? new StoredCheckpoint(head.GetInt64("CheckpointSize")!.Value, root, head.GetString("Note")!) : null;

    public async Task AppendAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        if (entries.Count > IdsPerProperty * MaxIdProperties) throw new ArgumentOutOfRangeException(nameof(entries), $"at most {IdsPerProperty * MaxIdProperties} entries per append");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Index != expectedSize + i) throw new ArgumentException($"entry {i} has index {entry.Index}, expected {expectedSize + i}", nameof(entries));
            if (entry.RecordId.Length != IdBytes) throw new ArgumentException($"record ids are {IdBytes} bytes", nameof(entries));
            if (!ids.Add(Hex.Encode(entry.RecordId))) throw new InconsistentStateException($"shard {shard}: record {Hex.Encode(entry.RecordId)} appears twice in one append");
        }

        var key = ShardKey(shard);
        var head = await _table.GetEntityIfExistsAsync<TableEntity>(key, Head, cancellationToken: cancel);
        var current = head.HasValue && head.Value is not null ? head.Value.GetInt64("Size") ?? 0 : 0;
        if (current != expectedSize)
            throw new InconsistentStateException($"shard {shard} has {current} leaves in storage, expected {expectedSize}: another activation appended", current.ToString(), expectedSize.ToString(), null);

        // A record id already located anywhere is a duplicate (the same record always maps to one shard, and the shard's
        // own earlier appends wrote their locations before returning, or were rolled forward when this activation loaded).
        var located = await Task.WhenAll(entries.Select(e => LocateAsync(Hex.Encode(e.RecordId), cancel)));
        if (located.FirstOrDefault(l => l is not null) is { } dup)
            throw new InconsistentStateException($"shard {shard}: record {dup.RecordId} is already stored (shard {dup.Shard}, index {dup.Index})");

        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel }, async (entry, ct) =>
        {
            try
            {
                await _container.GetBlobClient(RecordBlob(Hex.Encode(entry.RecordId))).UploadAsync(BinaryData.FromBytes(entry.RecordJson),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, ct);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Already uploaded (an earlier attempt, or a losing activation): the id names the record's content.
            }
        });

        var newHead = new TableEntity(key, Head)
        {
            ["Size"] = expectedSize + entries.Count, ["CheckpointSize"] = checkpoint.Size, ["Root"] = checkpoint.Root, ["Note"] = checkpoint.Note,
        };
        var segment = new TableEntity(key, SegmentKey(expectedSize)) { ["Start"] = expectedSize, ["End"] = expectedSize + entries.Count, ["Count"] = entries.Count };
        for (int p = 0, i = 0; i < entries.Count; p++, i += IdsPerProperty)
        {
            var n = Math.Min(IdsPerProperty, entries.Count - i);
            var bytes = new byte[n * IdBytes];
            for (var j = 0; j < n; j++) entries[i + j].RecordId.CopyTo(bytes, j * IdBytes);
            segment[IdProperties[p]] = bytes;
        }
        var row = new TableEntity(key, CheckpointKey(checkpoint.Size)) { ["Size"] = checkpoint.Size, ["Root"] = checkpoint.Root, ["Note"] = checkpoint.Note };
        List<TableTransactionAction> actions =
        [
            head.HasValue && head.Value is not null
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.Value.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, newHead),
            new TableTransactionAction(TableTransactionActionType.Add, row),
        ];
        if (entries.Count > 0) actions.Add(new TableTransactionAction(TableTransactionActionType.Add, segment));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancel);
        }
        catch (RequestFailedException e) when (e.IsConditionFailure())
        {
            throw new InconsistentStateException($"shard {shard}: append at {expectedSize} lost to another writer ({e.Status} {e.ErrorCode})", e);
        }
        await WriteLocationsAsync(shard, expectedSize, entries.Select(e => e.RecordId), cancel);
    }

    private async Task WriteLocationsAsync(int shard, long start, IEnumerable<byte[]> ids, CancellationToken cancel)
    {
        var rows = ids.Select((id, i) => new TableEntity(RecordPartition(Hex.Encode(id)), Hex.Encode(id)) { ["Shard"] = shard, ["Index"] = start + i });
        // Upserts of committed facts: idempotent, so a roll-forward may repeat them. One transaction per partition (at most
        // 100 rows each) rather than one request per record.
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel }, async (batch, ct) =>
        {
            if (batch.Length == 1) await _table.UpsertEntityAsync(batch[0], TableUpdateMode.Replace, ct);
            else await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
        });
    }

    /// <summary>Where each record is, from its location row (point reads in parallel; no record blob is read).</summary>
    public async Task<IReadOnlyList<StoredPosition?>> FindAsync(IReadOnlyList<byte[]> recordIds, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var found = new StoredPosition?[recordIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, recordIds.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancel }, async (i, ct) =>
            found[i] = recordIds[i].Length == IdBytes && await LocateAsync(Hex.Encode(recordIds[i]), ct) is { } at ? new StoredPosition(at.Shard, at.Index) : null);
        return found;
    }

    private async Task<(string RecordId, int Shard, long Index)?> LocateAsync(string idHex, CancellationToken cancel)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(RecordPartition(idHex), idHex, cancellationToken: cancel);
        return row.HasValue && row.Value is not null ? (idHex, row.Value.GetInt32("Shard")!.Value, row.Value.GetInt64("Index")!.Value) : null;
    }

    private static IEnumerable<byte[]> SegmentIds(TableEntity segment)
    {
        var count = segment.GetInt32("Count") ?? 0;
        var seen = 0;
        foreach (var property in IdProperties)
        {
            if (seen == count) yield break;
            var bytes = segment.GetBinary(property) ?? throw new InvalidDataException($"segment {segment.RowKey}: {property} is missing");
            for (var off = 0; off < bytes.Length; off += IdBytes, seen++) yield return bytes.AsSpan(off, IdBytes).ToArray();
        }
        if (seen != count) throw new InvalidDataException($"segment {segment.RowKey}: {seen} ids, expected {count}");
    }

    // Segments holding leaves at or after fromIndex, in order.
    private IAsyncEnumerable<TableEntity> Segments(int shard, long fromIndex, CancellationToken cancel, long? beforeIndex = null)
    {
        var upper = beforeIndex is { } b ? SegmentKey(b) : "h";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey ge {"g"} and RowKey lt {upper}");
        if (fromIndex > 0) filter += TableClient.CreateQueryFilter($" and End gt {fromIndex}");
        return _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel);
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadEntriesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        if (count <= 0) return [];
        var head = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), Head, ["Size"], cancel);
        var size = head.HasValue && head.Value is not null ? head.Value.GetInt64("Size") ?? 0 : 0;
        var end = Math.Min(size, fromIndex + count);
        if (fromIndex >= end) return [];
        var leaves = new List<(long Index, string Id)>();
        await foreach (var segment in Segments(shard, fromIndex, cancel, beforeIndex: end))
        {
            var index = segment.GetInt64("Start")!.Value;
            foreach (var id in SegmentIds(segment))
            {
                if (index >= fromIndex && index < end) leaves.Add((index, Hex.Encode(id)));
                index++;
            }
        }
        leaves.Sort((a, b) => a.Index.CompareTo(b.Index));
        var records = new StoredRecord[leaves.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, leaves.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel }, async (i, ct) =>
        {
            var (index, id) = leaves[i];
            records[i] = new StoredRecord(id, shard, index, await DownloadAsync(id, ct));
        });
        return records;
    }

    private async Task<byte[]> DownloadAsync(string idHex, CancellationToken cancel) =>
        (await _container.GetBlobClient(RecordBlob(idHex)).DownloadContentAsync(cancel)).Value.Content.ToArray();

    public async Task<StoredRecord?> GetRecordAsync(string recordId, CancellationToken cancel = default)
    {
        if (Hex.TryDecodeLower(recordId, IdBytes) is null) return null;
        await InitializeAsync(cancel);
        if (await LocateAsync(recordId, cancel) is not { } location) return null;
        return new StoredRecord(recordId, location.Shard, location.Index, await DownloadAsync(recordId, cancel));
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> GetCheckpointsAsync(int shard, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var list = new List<StoredCheckpoint>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey ge {"c"} and RowKey lt {"d"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel))
            list.Add(new StoredCheckpoint(row.GetInt64("Size")!.Value, row.GetBinary("Root")!, row.GetString("Note")!));
        return list;
    }

    public async Task<LogInvariants?> GetInvariantsAsync(CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(MetaPartition, InvariantsRow, cancellationToken: cancel);
        return row.HasValue && row.Value?.GetString("Value") is { } text ? LogInvariants.Parse(text) : null;
    }

    public async Task<LogInvariants> KeepInvariantsAsync(LogInvariants invariants, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        try
        {
            await _table.AddEntityAsync(new TableEntity(MetaPartition, InvariantsRow) { ["Value"] = invariants.ToText() }, cancel);
            return invariants;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Kept already (by an earlier start or another silo): those stand.
            return (await GetInvariantsAsync(cancel))!;
        }
    }

    public async Task<byte[]?> TryGetSecretAsync(string name, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>("secret", AzureStorageClients.Key(name), cancellationToken: cancel);
        return existing.HasValue && existing.Value is not null ? existing.Value.GetBinary("Value") : null;
    }

    public async Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var key = AzureStorageClients.Key(name);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>("secret", key, cancellationToken: cancel);
        if (existing.HasValue && existing.Value is not null) return existing.Value.GetBinary("Value")!;
        var value = create();
        try
        {
            await _table.AddEntityAsync(new TableEntity("secret", key) { ["Value"] = value }, cancel);
            return value;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another writer created it first: theirs wins.
            return (await _table.GetEntityAsync<TableEntity>("secret", key, cancellationToken: cancel)).Value.GetBinary("Value")!;
        }
    }

    // Partition "probe" holds nothing else; the row is overwritten on every probe.
    public async Task ProbeWriteAsync(CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        await _table.UpsertEntityAsync(new TableEntity("probe", "probe") { ["WrittenAt"] = DateTimeOffset.UtcNow }, TableUpdateMode.Replace, cancel);
    }
}
