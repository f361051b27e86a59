using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage.Azure;

/// <summary>
/// The log on Azure Storage, written as a few large requests per append (the batch layout). Per shard, one table partition
/// "s{shard}" holds
/// <list type="bullet">
/// <item>the head row ("head": Size and the latest checkpoint), updated under its ETag;</item>
/// <item>one segment row per append ("g{start:D19}": the record ids, the name of the append's blob and each record's length,
/// see <see cref="AzureLogSegment"/>);</item>
/// <item>one checkpoint row per append ("c{size:D19}");</item>
/// <item>the tree hashes (level >= 1) appends completed, 128 to a row ("t{level}-{group:D19}", see <see cref="AzureTreeHashRows"/>).</item>
/// </list>
/// An append runs three things at once: it uploads the records' JSON back to back as one blob "b/{shard}/{start:D19}-{nonce}"
/// (a name no other attempt uses; a small append keeps them in its segment row instead), reserves each record id in the
/// index (row id in partition "i{0-3}", by the id's first two bits: shard, append start, position, blob and byte range;
/// added with entity-group transactions of up to 100 rows, one per partition), and reads the head (unless this store
/// committed or loaded it last). Only when all are durable does it commit head, checkpoint, segment and the tree hashes the
/// append completed in one entity-group transaction, conditional on the head's ETag after checking its Size: two activations
/// can never fork a shard (the loser gets <see cref="InconsistentStateException"/>), and a crash or failure before that
/// commit leaves nothing visible (a blob and index rows no committed segment names, which readers ignore).
/// <para>
/// A shard resumes from a bounded read: the head row gives its size and latest checkpoint, the edge comes from the last
/// segments and tree-hash rows, and <see cref="FindAsync"/> answers from the index rows and segment rows without reading a
/// record. The head's TreeHashesKept says the tree-hash rows cover every full tile below its Size; a shard written before
/// they were kept lacks it and gets them once, derived from its leaves, when it is first loaded.
/// </para>
/// <para>
/// Readers trust only committed segments: an index row is a record's location only if the segment at its append start
/// holds the id. A reservation whose append never committed is therefore invisible, and a later append of that record
/// replaces it once that place holds other records (a retry at the same place takes it over at once); a reservation of a
/// committed record is a duplicate, refused.
/// </para>
/// <para>
/// Stores written before the batch layout (one blob "r/{id}" per record, location rows in partitions "r{two hex digits}"
/// written after the commit) stay readable and keep refusing their records as duplicates. Secrets live in partition
/// "secret" and the log's invariants in row "meta"/"invariants", both created with insert-if-absent (first writer wins).
/// </para>
/// </summary>
public sealed class AzureLogStore : ILogStore
{
    public const string DefaultTableName = "LedgerLog";
    public const string DefaultContainerName = "ledger-records";
    private const int IdBytes = AzureLogSegment.IdBytes;
    private const int MaxTransactionActions = 100;
    private const string Head = "head";
    private const string MetaPartition = "meta";
    private const string InvariantsRow = "invariants";

    // Independent requests of one append or read run at once, up to this many (a batch of 1,000 has at most 16 index
    // transactions; reads of per-record blobs are the wide case).
    private static readonly int MaxParallel = 16;

    private readonly TableClient _table;
    private readonly BlobContainerClient _container;
    private readonly Lazy<Task> _init;
    // Whether the store holds rows of the per-record layout: only then do appends also look for duplicates there.
    private Task<bool>? _legacyFound;
    private volatile bool _legacySeen;
    // Each shard's head as this store last committed or loaded it: an append at that size commits under its ETag without
    // reading the head first. Only a hint: if another writer moved the head, the commit's ETag check refuses the append.
    private readonly ConcurrentDictionary<int, (long Size, ETag ETag, bool TreeHashesKept)> _heads = new();
    // Shards seen with TreeHashesKept: never unset once set, so their tree-hash rows are read without checking the head again.
    private readonly ConcurrentDictionary<int, bool> _treeHashesKept = new();
    private const string TreeHashesKept = "TreeHashesKept";

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

    /// <summary>Reserving each id in the index finds the records already stored anyway; a lookup before would cost a request per record.</summary>
    public bool FindsDuplicatesOnAppend => true;

    private static string ShardKey(int shard) => $"s{shard}";
    private static string SegmentKey(long start) => $"g{start:D19}";
    private static string CheckpointKey(long size) => $"c{size:D19}";
    // Four index partitions: a batch of n records needs about min(n, 4) index transactions, while real Azure still gives the
    // index four partitions' throughput (about 2,000 entities/s each).
    private static string IndexPartition(string idHex) => "i" + (Convert.ToInt32(idHex[..1], 16) >> 2);
    private static string BatchBlob(int shard, long start) => $"b/{shard}/{start:D19}-{Guid.NewGuid():N}";
    private static string LegacyPartition(string idHex) => "r" + idHex[..2];
    private static string LegacyBlob(string idHex) => $"r/{idHex}";

    private static ParallelOptions Bounded(CancellationToken cancel) => new() { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancel };

    public async Task<ShardSnapshot> LoadShardAsync(int shard, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var head = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), Head, cancellationToken: cancel);
        if (!head.HasValue || head.Value is null) return new ShardSnapshot([], null);
        var size = head.Value.GetInt64("Size") ?? 0;
        _heads[shard] = (size, head.Value.ETag, KeepsTreeHashes(head.Value));
        var ids = new List<byte[]>();
        AzureLogSegment? last = null;
        await foreach (var segment in SegmentsAsync(shard, 0, long.MaxValue, withRecords: false, cancel))
        {
            if (segment.Start != ids.Count) throw new InvalidDataException($"shard {shard}: leaf {ids.Count} is missing from the store");
            for (var i = 0; i < segment.Count; i++) ids.Add(segment.IdAt(i));
            if (segment.Start < size) last = segment;
        }
        if (ids.Count < size) throw new InvalidDataException($"shard {shard}: head says {size} leaves, segments hold {ids.Count}");
        // Segments are only written with the head, so none lies beyond it; trim defensively all the same.
        if (ids.Count > size) ids.RemoveRange((int)size, ids.Count - (int)size);
        // The per-record layout wrote locations after its commit; a crash in between is rolled forward here (the batch
        // layout reserves them before, so it has nothing to roll forward).
        if (last is { IsPerRecord: true }) await WriteLegacyLocationsAsync(shard, last, cancel);
        return new ShardSnapshot(ids, Latest(head.Value));
    }

    private static StoredCheckpoint? Latest(TableEntity head) =>
        head.GetBinary("Root") is { } root ? new StoredCheckpoint(head.GetInt64("CheckpointSize")!.Value, root, head.GetString("Note")!, head.GetDateTimeOffset("SignedAt")) : null;

    public async Task AppendAsync(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        if (entries.Count > AzureLogSegment.MaxEntries) throw new ArgumentOutOfRangeException(nameof(entries), $"at most {AzureLogSegment.MaxEntries} entries per append");
        var treeHashRows = AzureTreeHashRows.Rows(ShardKey(shard), checkpoint.TreeHashes).ToList();
        // Head, checkpoint and segment take three of a transaction's 100 actions; the largest append completes a few rows' worth.
        if (treeHashRows.Count > MaxTransactionActions - 3) throw new ArgumentException($"{treeHashRows.Count} tree-hash rows do not fit in one append's transaction", nameof(checkpoint));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Index != expectedSize + i) throw new ArgumentException($"entry {i} has index {entry.Index}, expected {expectedSize + i}", nameof(entries));
            if (entry.RecordId.Length != IdBytes) throw new ArgumentException($"record ids are {IdBytes} bytes", nameof(entries));
            if (!ids.Add(Hex.Encode(entry.RecordId))) throw new InconsistentStateException($"shard {shard}: record {Hex.Encode(entry.RecordId)} appears twice in one append");
        }

        var key = ShardKey(shard);
        // A small append keeps its records in the segment row; a larger one puts them in a blob of its own.
        var blob = AzureLogSegment.FitsInline(entries) ? null : BatchBlob(shard, expectedSize);
        // Independent, so at once: the head (to check the size), the records' blob, the index reservations, and (only for a
        // store that has them) the per-record layout's locations. Nothing of these is visible until the commit below.
        var head = _heads.TryGetValue(shard, out var known) && known.Size == expectedSize
            ? Task.FromResult(KnownHead(key, known))
            : _table.GetEntityIfExistsAsync<TableEntity>(key, Head, cancellationToken: cancel);
        _heads.TryRemove(shard, out _);
        var upload = blob is not null ? UploadBatchAsync(blob, entries, cancel) : Task.CompletedTask;
        // Records found already stored (committed elsewhere) are collected, not thrown one by one: the shard resolves them all.
        var stored = new ConcurrentDictionary<string, StoredPosition>(StringComparer.Ordinal);
        var reserve = entries.Count > 0 ? ReserveAsync(shard, expectedSize, entries, blob, stored, cancel) : Task.CompletedTask;
        var legacy = entries.Count > 0 ? FindLegacyDuplicatesAsync(entries, stored, cancel) : Task.CompletedTask;
        try
        {
            await Task.WhenAll(head, upload, reserve, legacy);
        }
        catch when (head.IsCompletedSuccessfully && SizeOf(head.Result) != expectedSize)
        {
            // A stale activation: that is the cause worth reporting, whatever else failed with it.
            throw SizeMismatch(shard, SizeOf(head.Result), expectedSize);
        }
        var current = SizeOf(head.Result);
        if (current != expectedSize) throw SizeMismatch(shard, current, expectedSize);
        // Nothing is committed: the reservations of the other records belong to this place, which a retry here takes over.
        if (!stored.IsEmpty) throw new RecordsAlreadyStoredException(shard, new Dictionary<string, StoredPosition>(stored, StringComparer.Ordinal));

        // The head vouches for tree hashes below its size only if it did before this append (or the shard was empty): a shard
        // written before they were kept still lacks its older ones until they are derived.
        var treeHashesKept = current == 0 || (head.Result.HasValue && head.Result.Value is not null && KeepsTreeHashes(head.Result.Value));
        var newHead = new TableEntity(key, Head)
        {
            ["Size"] = expectedSize + entries.Count, ["CheckpointSize"] = checkpoint.Size, ["Root"] = checkpoint.Root, ["Note"] = checkpoint.Note,
            ["SignedAt"] = checkpoint.SignedAt, [TreeHashesKept] = treeHashesKept,
        };
        var row = new TableEntity(key, CheckpointKey(checkpoint.Size)) { ["Size"] = checkpoint.Size, ["Root"] = checkpoint.Root, ["Note"] = checkpoint.Note, ["SignedAt"] = checkpoint.SignedAt };
        List<TableTransactionAction> actions =
        [
            head.Result.HasValue && head.Result.Value is not null
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.Result.Value.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, newHead),
            new TableTransactionAction(TableTransactionActionType.Add, row),
        ];
        if (entries.Count > 0) actions.Add(new TableTransactionAction(TableTransactionActionType.Add, AzureLogSegment.Row(key, SegmentKey(expectedSize), expectedSize, entries, blob)));
        // Merged: a row may already hold the level's earlier hashes. Only this commit makes them (and the leaves) visible.
        actions.AddRange(treeHashRows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertMerge, r)));
        try
        {
            var committed = await _table.SubmitTransactionAsync(actions, cancel);
            if (committed.Value[0].Headers.ETag is { } etag) _heads[shard] = (expectedSize + entries.Count, etag, treeHashesKept);
        }
        catch (RequestFailedException e) when (e.IsConditionFailure())
        {
            throw new InconsistentStateException($"shard {shard}: append at {expectedSize} lost to another writer ({e.Status} {e.ErrorCode})", e);
        }
    }

    private static NullableResponse<TableEntity> KnownHead(string key, (long Size, ETag ETag, bool TreeHashesKept) known) =>
        Response.FromValue(new TableEntity(key, Head) { ["Size"] = known.Size, [TreeHashesKept] = known.TreeHashesKept, ETag = known.ETag }, null!);

    private static bool KeepsTreeHashes(TableEntity head) => head.GetBoolean(TreeHashesKept) == true;

    private static long SizeOf(NullableResponse<TableEntity> head) => head.HasValue && head.Value is not null ? head.Value.GetInt64("Size") ?? 0 : 0;

    private static InconsistentStateException SizeMismatch(int shard, long current, long expected) =>
        new($"shard {shard} has {current} leaves in storage, expected {expected}: another activation appended", current.ToString(), expected.ToString(), null);

    private async Task UploadBatchAsync(string name, IReadOnlyList<StoredEntry> entries, CancellationToken cancel)
    {
        var bytes = new byte[entries.Sum(e => (long)e.RecordJson.Length)];
        var offset = 0;
        foreach (var entry in entries)
        {
            entry.RecordJson.CopyTo(bytes, offset);
            offset += entry.RecordJson.Length;
        }
        // The name is this attempt's own, so the condition only guards against the impossible.
        await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } }, cancel);
    }

    // The index row of one record of an append: where it will be once the append commits.
    // Blob is empty when the records are in the segment row.
    private static TableEntity IndexRow(int shard, long start, int position, string idHex, string? blob, long offset, int length) =>
        new(IndexPartition(idHex), idHex)
        {
            ["Shard"] = shard, ["Start"] = start, ["Position"] = position, ["Blob"] = blob ?? "", ["Offset"] = offset, ["Length"] = length,
        };

    /// <summary>
    /// Adds an index row for every record of the append: one transaction per partition and 100 rows. A partition whose
    /// transaction meets an existing row goes row by row (<see cref="ReserveOneAsync"/>).
    /// </summary>
    private async Task ReserveAsync(int shard, long start, IReadOnlyList<StoredEntry> entries, string? blob,
        ConcurrentDictionary<string, StoredPosition> stored, CancellationToken cancel)
    {
        var rows = new List<TableEntity>(entries.Count);
        long offset = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            rows.Add(IndexRow(shard, start, i, Hex.Encode(entries[i].RecordId), blob, offset, entries[i].RecordJson.Length));
            offset += entries[i].RecordJson.Length;
        }
        var groups = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(MaxTransactionActions)).ToList();
        await Parallel.ForEachAsync(groups, Bounded(cancel), async (group, ct) =>
        {
            try
            {
                if (group.Length == 1) await _table.AddEntityAsync(group[0], ct);
                else await _table.SubmitTransactionAsync(group.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Some row exists: from an earlier attempt of this append, an append that never committed, or a duplicate.
            }
            foreach (var row in group) await ReserveOneAsync(shard, start, row, stored, ct);
        });
    }

    private async Task ReserveOneAsync(int shard, long start, TableEntity row, ConcurrentDictionary<string, StoredPosition> stored, CancellationToken cancel)
    {
        var idHex = row.RowKey;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                await _table.AddEntityAsync(row, cancel);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 409) { }
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, idHex, cancellationToken: cancel);
            if (!found.HasValue || found.Value is null) continue;
            var existing = found.Value;
            var (otherShard, otherStart) = (existing.GetInt32("Shard")!.Value, existing.GetInt64("Start")!.Value);
            // Reserved for this very place (an earlier attempt, or a rival activation appending the same record here). Whichever
            // of them commits, readers find the record in that segment by id; the row is made this attempt's own only so that
            // reads of it take the quick path, and left as it is if a rival changed it meanwhile.
            if (otherShard == shard && otherStart == start)
            {
                try { await _table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancel); }
                catch (RequestFailedException e) when (e.IsConditionFailure()) { }
                return;
            }
            // Elsewhere and committed there: a duplicate. Elsewhere and that place filled by other records: a dead reservation.
            if (await HeadSizeAsync(otherShard, cancel) > otherStart)
            {
                if (await ReadSegmentAsync(otherShard, otherStart, cancel) is { } segment && segment.PositionOf(Convert.FromHexString(idHex)) is var position and >= 0)
                {
                    stored[idHex] = new StoredPosition(otherShard, otherStart + position);
                    return;
                }
                try
                {
                    await _table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancel);
                    return;
                }
                catch (RequestFailedException e) when (e.IsConditionFailure()) { continue; }
            }
            // Elsewhere and not yet decided: another writer is appending this record right now (or crashed doing so and its
            // shard has not moved on). Taking the row could hide the record if that writer commits; refuse instead.
            throw new InconsistentStateException($"shard {shard}: record {idHex} is being appended to shard {otherShard} at {otherStart} by another writer");
        }
        throw new InconsistentStateException($"shard {shard}: record {idHex}: its index row kept changing under this append");
    }

    private async Task<long> HeadSizeAsync(int shard, CancellationToken cancel)
    {
        var head = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), Head, ["Size"], cancel);
        return SizeOf(head);
    }

    private async Task<AzureLogSegment?> ReadSegmentAsync(int shard, long start, CancellationToken cancel)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), SegmentKey(start), cancellationToken: cancel);
        return row.HasValue && row.Value is not null ? ReadSegment(row.Value) : null;
    }

    private AzureLogSegment ReadSegment(TableEntity row, bool withRecords = true)
    {
        var segment = AzureLogSegment.Read(row, withRecords);
        if (segment.IsPerRecord) _legacySeen = true;
        return segment;
    }

    private async Task<bool> HasLegacyAsync()
    {
        if (_legacySeen) return true;
        // Asked once per store instance; a failed query is asked again next time rather than remembered.
        var found = _legacyFound;
        if (found is null || found.IsFaulted || found.IsCanceled) _legacyFound = found = FindLegacyAsync();
        return await found;
    }

    private async Task<bool> FindLegacyAsync()
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"r"} and PartitionKey lt {"s"}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"]).AsPages())
            return page.Values.Count > 0;
        return false;
    }

    private async Task FindLegacyDuplicatesAsync(IReadOnlyList<StoredEntry> entries, ConcurrentDictionary<string, StoredPosition> stored, CancellationToken cancel)
    {
        if (!await HasLegacyAsync()) return;
        await Parallel.ForEachAsync(entries, Bounded(cancel), async (entry, ct) =>
        {
            if (await LocateLegacyAsync(Hex.Encode(entry.RecordId), ct) is { } l) stored[l.Id] = new StoredPosition(l.Shard, l.Index);
        });
    }

    private async Task<(string Id, int Shard, long Index)?> LocateLegacyAsync(string idHex, CancellationToken cancel)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(LegacyPartition(idHex), idHex, cancellationToken: cancel);
        return row.HasValue && row.Value is not null ? (idHex, row.Value.GetInt32("Shard")!.Value, row.Value.GetInt64("Index")!.Value) : null;
    }

    // Upserts of committed facts of the per-record layout: idempotent, so a roll-forward may repeat them.
    private async Task WriteLegacyLocationsAsync(int shard, AzureLogSegment segment, CancellationToken cancel)
    {
        _legacySeen = true;
        var rows = Enumerable.Range(0, segment.Count).Select(i =>
        {
            var idHex = Hex.Encode(segment.IdAt(i));
            return new TableEntity(LegacyPartition(idHex), idHex) { ["Shard"] = shard, ["Index"] = segment.Start + i };
        });
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(MaxTransactionActions));
        await Parallel.ForEachAsync(batches, Bounded(cancel), async (batch, ct) =>
        {
            if (batch.Length == 1) await _table.UpsertEntityAsync(batch[0], TableUpdateMode.Replace, ct);
            else await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
        });
    }

    /// <summary>
    /// Where each record is, from the index rows (point reads, in parallel) and, for each id found, its append's segment row
    /// (only the columns that say whether the append committed): no record is downloaded.
    /// </summary>
    public async Task<IReadOnlyList<StoredPosition?>> FindAsync(IReadOnlyList<byte[]> recordIds, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var found = new StoredPosition?[recordIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, recordIds.Count), Bounded(cancel), async (i, ct) =>
            found[i] = recordIds[i].Length == IdBytes ? await PositionOfAsync(recordIds[i], ct) : null);
        return found;
    }

    private static readonly string[] IndexColumns = ["Shard", "Start", "Position", "Blob"];

    private async Task<StoredPosition?> PositionOfAsync(byte[] id, CancellationToken cancel)
    {
        var idHex = Hex.Encode(id);
        var indexed = await _table.GetEntityIfExistsAsync<TableEntity>(IndexPartition(idHex), idHex, IndexColumns, cancel);
        if (indexed.HasValue && indexed.Value is { } row && await CommittedPositionAsync(row, id, cancel) is { } at) return at;
        if (!await HasLegacyAsync() || await LocateLegacyAsync(idHex, cancel) is not { } legacy) return null;
        return new StoredPosition(legacy.Shard, legacy.Index);
    }

    // Where the append that reserved an index row put the record, if it committed (the same rule as LocateAsync).
    private async Task<StoredPosition?> CommittedPositionAsync(TableEntity row, byte[] id, CancellationToken cancel)
    {
        var (shard, start, position, blob) = (row.GetInt32("Shard")!.Value, row.GetInt64("Start")!.Value, row.GetInt32("Position")!.Value, row.GetString("Blob")!);
        if (blob.Length > 0)
        {
            // The blob's name is this attempt's own: the committed segment naming it is this append.
            var committed = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), SegmentKey(start), ["Blob"], cancel);
            if (!committed.HasValue || committed.Value is null) return null;
            if (committed.Value.GetString("Blob") == blob) return new StoredPosition(shard, start + position);
        }
        // Records kept in the row, or a rival's reservation of the same place: the committed segment's ids decide.
        var segment = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), SegmentKey(start), AzureLogSegment.WithoutRecords, cancel);
        if (!segment.HasValue || segment.Value is null) return null;
        return ReadSegment(segment.Value, withRecords: false) is { IsPerRecord: false } s && s.PositionOf(id) is var at and >= 0 ? new StoredPosition(shard, start + at) : null;
    }

    public async Task<StoredHead> LoadHeadAsync(int shard, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var head = await ReadHeadAsync(shard, cancel);
        if (head is not null && !KeepsTreeHashes(head)) head = await KeepTreeHashesAsync(shard, cancel);
        if (head is null) return new StoredHead(0, null);
        var size = head.GetInt64("Size") ?? 0;
        _heads[shard] = (size, head.ETag, true);
        _treeHashesKept[shard] = true;
        return new StoredHead(size, Latest(head));
    }

    private async Task<TableEntity?> ReadHeadAsync(int shard, CancellationToken cancel)
    {
        var head = await _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), Head, cancellationToken: cancel);
        return head.HasValue ? head.Value : null;
    }

    public async Task<IReadOnlyList<byte[]>> ReadTreeHashesAsync(int shard, int level, long fromIndex, int count, CancellationToken cancel = default)
    {
        if (level < 1 || level > AzureTreeHashRows.MaxLevel) throw new ArgumentOutOfRangeException(nameof(level), level, "tree hash levels are 1 to 7");
        await InitializeAsync(cancel);
        if (count <= 0 || fromIndex < 0) return [];
        if (!_treeHashesKept.ContainsKey(shard))
        {
            var head = await ReadHeadAsync(shard, cancel);
            if (head is null) return [];
            if (!KeepsTreeHashes(head)) await KeepTreeHashesAsync(shard, cancel);
            _treeHashesKept[shard] = true;
        }
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(AzureTreeHashRows.Filter(ShardKey(shard), level, fromIndex, count), cancellationToken: cancel)) rows.Add(row);
        return AzureTreeHashRows.Read(rows, level, fromIndex, count);
    }

    /// <summary>
    /// Gives a shard written before tree hashes were kept its tree-hash rows, derived once from its leaves, then marks its head
    /// (under the head's ETag: if an append moved it meanwhile, derives again). Rows for leaves already committed are facts,
    /// so writing them again is harmless. Also rolls forward the per-record layout's last location rows, as loading does.
    /// Returns the marked head.
    /// </summary>
    private async Task<TableEntity?> KeepTreeHashesAsync(int shard, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var head = await ReadHeadAsync(shard, cancel);
            if (head is null || KeepsTreeHashes(head)) return head;
            var size = head.GetInt64("Size") ?? 0;
            var edge = TreeEdge.Empty;
            var completed = new List<TreeHash>();
            AzureLogSegment? last = null;
            await foreach (var segment in SegmentsAsync(shard, 0, size, withRecords: false, cancel))
            {
                if (segment.Start != (long)edge.Size) throw new InvalidDataException($"shard {shard}: leaf {edge.Size} is missing from the store");
                var take = (int)Math.Min(segment.Count, size - segment.Start);
                edge = edge.Append(Enumerable.Range(0, take).Select(i => MerkleHash.LeafHash(segment.IdAt(i))), completed);
                last = segment;
            }
            if ((long)edge.Size != size) throw new InvalidDataException($"shard {shard}: head says {size} leaves, segments hold {edge.Size}");
            if (last is { IsPerRecord: true }) await WriteLegacyLocationsAsync(shard, last, cancel);
            var rows = AzureTreeHashRows.Rows(ShardKey(shard), completed).Chunk(MaxTransactionActions).ToList();
            await Parallel.ForEachAsync(rows, Bounded(cancel), async (chunk, ct) =>
                await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertMerge, r)), ct));
            // Marking the head changes its ETag: the head this store remembers for appends is stale from here on.
            _heads.TryRemove(shard, out _);
            try
            {
                await _table.UpdateEntityAsync(new TableEntity(ShardKey(shard), Head) { [TreeHashesKept] = true }, head.ETag, TableUpdateMode.Merge, cancel);
            }
            catch (RequestFailedException e) when (e.IsConditionFailure())
            {
                continue;
            }
        }
        var marked = await ReadHeadAsync(shard, cancel);
        if (marked is not null && !KeepsTreeHashes(marked))
            throw new InconsistentStateException($"shard {shard}: kept appending while its tree hashes were derived; retry");
        return marked;
    }

    // Committed segments holding leaves in [fromIndex, beforeIndex), in order; without records kept in their rows unless asked.
    private async IAsyncEnumerable<AzureLogSegment> SegmentsAsync(int shard, long fromIndex, long beforeIndex, bool withRecords,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        var upper = beforeIndex == long.MaxValue ? "h" : SegmentKey(beforeIndex);
        // A segment holds at most MaxIds leaves, so the one holding fromIndex starts at most that far before it: a key range
        // of bounded width whatever the shard's size (reading the edge must not scan the partition from its first segment).
        var lower = fromIndex > 0 ? SegmentKey(Math.Max(0, fromIndex - AzureLogSegment.MaxIds + 1)) : "g";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey ge {lower} and RowKey lt {upper}");
        if (fromIndex > 0) filter += TableClient.CreateQueryFilter($" and End gt {fromIndex}");
        var select = withRecords ? null : AzureLogSegment.WithoutRecords;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancel)) yield return ReadSegment(row, withRecords);
    }

    public async Task<IReadOnlyList<StoredRecord>> ReadEntriesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        if (count <= 0) return [];
        // Segment rows are only ever written by a commit, so the query alone bounds the read by the shard's size.
        var end = fromIndex + count;
        var segments = new List<AzureLogSegment>();
        await foreach (var segment in SegmentsAsync(shard, fromIndex, end, withRecords: true, cancel)) segments.Add(segment);
        var parts = new ConcurrentBag<StoredRecord[]>();
        // A batch segment is one ranged read of its blob (none when its records are in the row); a per-record segment, one
        // read per record.
        var reads = segments.SelectMany(s => s.IsPerRecord
            ? Enumerable.Range(First(s), Last(s) - First(s)).Select(i => (Segment: s, From: i, To: i + 1))
            : new[] { (Segment: s, From: First(s), To: Last(s)) }).ToList();
        await Parallel.ForEachAsync(reads, Bounded(cancel), async (read, ct) => parts.Add(await ReadRecordsAsync(shard, read.Segment, read.From, read.To, ct)));
        return parts.SelectMany(p => p).OrderBy(r => r.Index).ToList();

        int First(AzureLogSegment s) => (int)(Math.Max(fromIndex, s.Start) - s.Start);
        int Last(AzureLogSegment s) => (int)(Math.Min(end, s.End) - s.Start);
    }

    // Records [from, to) of a committed segment.
    private async Task<StoredRecord[]> ReadRecordsAsync(int shard, AzureLogSegment segment, int from, int to, CancellationToken cancel)
    {
        if (from >= to) return [];
        if (segment.IsInline)
            return Enumerable.Range(from, to - from).Select(i => new StoredRecord(Hex.Encode(segment.IdAt(i)), shard, segment.Start + i, segment.InlineRecord(i))).ToArray();
        // Here, not inline: a segment without a blob is of the per-record layout.
        if (segment.Blob is not { } blob)
        {
            var idHex = Hex.Encode(segment.IdAt(from));
            return [new StoredRecord(idHex, shard, segment.Start + from, await DownloadAsync(LegacyBlob(idHex), cancel))];
        }
        var first = segment.OffsetOf(from);
        var bytes = await DownloadRangeAsync(blob, first, segment.OffsetOf(to) - first, cancel)
            ?? throw new InvalidDataException($"shard {shard}: blob {blob} of segment {segment.Start} is missing");
        var records = new StoredRecord[to - from];
        for (var i = from; i < to; i++)
        {
            var at = (int)(segment.OffsetOf(i) - first);
            records[i - from] = new StoredRecord(Hex.Encode(segment.IdAt(i)), shard, segment.Start + i, bytes.AsSpan(at, (int)(segment.OffsetOf(i + 1) - first) - at).ToArray());
        }
        return records;
    }

    public async Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(int shard, long fromIndex, int count, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        if (count <= 0) return [];
        // Segment rows are only ever written by a commit, so the query alone bounds the read by the shard's size.
        var end = fromIndex + count;
        var leaves = new List<StoredLeaf>();
        await foreach (var segment in SegmentsAsync(shard, fromIndex, end, withRecords: false, cancel))
            for (var index = Math.Max(fromIndex, segment.Start); index < Math.Min(end, segment.End); index++)
                leaves.Add(new StoredLeaf(index, segment.IdAt((int)(index - segment.Start))));
        return leaves;
    }

    private async Task<byte[]> DownloadAsync(string name, CancellationToken cancel) =>
        (await _container.GetBlobClient(name).DownloadContentAsync(cancel)).Value.Content.ToArray();

    // Null when the blob does not exist (an append that crashed before its upload finished).
    private async Task<byte[]?> DownloadRangeAsync(string name, long offset, long length, CancellationToken cancel)
    {
        if (length == 0) return [];
        try
        {
            var download = await _container.GetBlobClient(name).DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancel);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    public async Task<StoredRecord?> GetRecordAsync(string recordId, CancellationToken cancel = default)
    {
        if (Hex.TryDecodeLower(recordId, IdBytes) is not { } id) return null;
        await InitializeAsync(cancel);
        var indexed = await _table.GetEntityIfExistsAsync<TableEntity>(IndexPartition(recordId), recordId, cancellationToken: cancel);
        if (indexed.HasValue && indexed.Value is { } row && await LocateAsync(row, id, cancel) is { } found) return found;
        if (!await HasLegacyAsync() || await LocateLegacyAsync(recordId, cancel) is not { } legacy) return null;
        return new StoredRecord(recordId, legacy.Shard, legacy.Index, await DownloadAsync(LegacyBlob(recordId), cancel));
    }

    // The record an index row names, if the append that reserved it committed.
    private async Task<StoredRecord?> LocateAsync(TableEntity row, byte[] id, CancellationToken cancel)
    {
        var (shard, start, position) = (row.GetInt32("Shard")!.Value, row.GetInt64("Start")!.Value, row.GetInt32("Position")!.Value);
        var (blob, offset, length) = (row.GetString("Blob")!, row.GetInt64("Offset")!.Value, row.GetInt32("Length")!.Value);
        if (blob.Length == 0) return await FindInSegmentAsync(shard, start, id, cancel);
        // Usually the row is the committed append's own: then only the segment's blob name needs checking, and the record's
        // bytes are read at the same time.
        var committedBlob = _table.GetEntityIfExistsAsync<TableEntity>(ShardKey(shard), SegmentKey(start), ["Blob"], cancel);
        var bytes = DownloadRangeAsync(blob, offset, length, cancel);
        await Task.WhenAll(committedBlob, bytes);
        if (!committedBlob.Result.HasValue || committedBlob.Result.Value is null) return null;
        if (committedBlob.Result.Value.GetString("Blob") == blob && bytes.Result is { } json)
            return new StoredRecord(Hex.Encode(id), shard, start + position, json);
        // A rival activation reserved the same record at the same place and the other one committed: look it up by id.
        return await FindInSegmentAsync(shard, start, id, cancel);
    }

    // The record in the committed segment at start, if that segment holds it.
    private async Task<StoredRecord?> FindInSegmentAsync(int shard, long start, byte[] id, CancellationToken cancel)
    {
        if (await ReadSegmentAsync(shard, start, cancel) is not { IsPerRecord: false } segment || segment.PositionOf(id) is not (var at and >= 0)) return null;
        return (await ReadRecordsAsync(shard, segment, at, at + 1, cancel))[0];
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> GetCheckpointsAsync(int shard, CancellationToken cancel = default)
    {
        await InitializeAsync(cancel);
        var list = new List<StoredCheckpoint>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ShardKey(shard)} and RowKey ge {"c"} and RowKey lt {"d"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancel))
            list.Add(new StoredCheckpoint(row.GetInt64("Size")!.Value, row.GetBinary("Root")!, row.GetString("Note")!, row.GetDateTimeOffset("SignedAt")));
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
