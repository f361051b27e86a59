using LedgerCluster.Core.Fsck;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Tiles;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Witness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace LedgerCluster.Grains.Log;

/// <summary>
/// One RFC 6962 log shard. Appends interleave (reentrant) into a pending pool; a single flush loop commits
/// the pool as one batch (group commit): extend the tree, sign one checkpoint, persist both, then answer every
/// caller of the batch. At low load a batch is one record; under load batches grow, so throughput follows.
/// </summary>
[Reentrant]
[GrainType("ledger-shard")]
public sealed class LogShardGrain(
    [PersistentState("witnessed", StorageNames.Ledger)] IPersistentState<ShardWitnessState> witnessed,
    ILogStore store,
    IOptions<LedgerOptions> options,
    IOptions<WitnessingOptions> witnessing,
    IServiceProvider services,
    ILogger<LogShardGrain> log) : Grain, ILogShardGrain
{
    // Only appends in flight are held by id: committed ones are found through the store's index.
    private readonly Dictionary<string, PendingAppend> _pendingById = new(StringComparer.Ordinal);
    // Ids committed while some append was looking ids up in the store (it may have missed them there and in _pendingById);
    // kept only while lookups are in flight, so it stays as small as the appends racing.
    private readonly Dictionary<string, long> _committedDuringLookups = new(StringComparer.Ordinal);
    private int _lookups;
    private List<PendingAppend> _pending = [];
    // The right edge of the signed tree: all of the tree the shard holds. Replaced (never changed) when a batch commits, so
    // a proof computed across awaits keeps one consistent view; the rest of the tree is read as tiles from the store.
    private TreeEdge _edge = TreeEdge.Empty;
    private readonly BoundedTileCache _fullTiles = new(BoundedTileCache.DefaultCapacity);
    private NoteSigner _signer = null!;
    private SignedNote _checkpoint = null!;
    // When _checkpoint was signed, and how many appends of the batch being committed wait for their checkpoint.
    private DateTimeOffset _signedAt;
    private int _committing;
    // The latest checkpoint that met the witness policy, with its cosignatures (only used when a policy is configured).
    private SignedNote? _witnessedNote;
    private long _witnessedSize;
    private readonly ICheckpointFault? _fault = services.GetService<ICheckpointFault>();
    private bool _flushing;
    private Exception? _broken;
    // Set at activation when the stored leaves and latest checkpoint disagree: then every call is refused with it.
    private string? _inconsistent;

    private int Shard => (int)this.GetPrimaryKeyLong();

    // The size _checkpoint signs; everything the shard reports or proves stops here.
    private long SignedSize => (long)_edge.Size;

    private TiledTree Tiled(TreeEdge edge) => new(new StoredHashTiles(store, Shard, edge, _fullTiles), edge.Size);

    private bool Witnessing => witnessing.Value.Policy is not null;

    /// <summary>Records below this are `verified`: the witnessed size under a policy, else every signed record.</summary>
    private long WitnessedSize => Witnessing ? _witnessedSize : SignedSize;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var origin = ShardOrigin.For(options.Value.OriginPrefix, Shard);
        _signer = await ShardSigner.LoadAsync(store, origin);
        // A bounded read: the leaf count, the latest checkpoint and the right edge (the partial tile of each level).
        StoredHead head;
        FsckProblem? missing;
        TreeEdge edge;
        try
        {
            (head, edge, missing) = await ShardResume.LoadAsync(store, Shard, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            Refuse(e.Message);
            return;
        }
        // The stored latest checkpoint must be the one this shard signed over the stored leaves: serving it, or signing on
        // top of leaves it does not cover, would give clients two views of one log. Leaves left of the edge were checked
        // when they were signed and are checked again by `ledger fsck`.
        var latest = head.Latest is { } l ? new CheckpointRow(l.Size, l.Root, l.Note) : null;
        if ((missing ?? LatestCheckpointCheck.Check(new ShardHead(Shard, origin, _signer.VerifierKey), head.Size, edge.Root, latest)) is { } problem)
        {
            Refuse(problem.ToString());
            return;
        }
        _edge = edge;
        _checkpoint = latest is null ? Sign(_edge) : SignedNote.Parse(latest.Note);
        // A checkpoint stored before signing times were kept counts from this activation: no older than that can be shown.
        _signedAt = head.Latest?.SignedAt ?? SigningTime();
        if (witnessed.State.CosignedCheckpoint is { } cosigned && witnessed.State.Size <= SignedSize)
            (_witnessedNote, _witnessedSize) = (SignedNote.Parse(cosigned), witnessed.State.Size);
        // Checkpoints signed before a restart and not yet witnessed go to the witnesses again; records not yet re-run, to reproduction.
        if (Witnessing && SignedSize > _witnessedSize) Coordinator.CheckpointSigned(_checkpoint.Format()).Ignore();
        if (SignedSize > 0) Reproduction.Poke().Ignore();
        log.LogInformation("Shard {Shard} ({Origin}) active with {Size} leaves", Shard, origin, _edge.Size);
    }

    // Stays active refusing every call, so each caller learns why instead of a shard that keeps failing to activate.
    private void Refuse(string problem)
    {
        _inconsistent = $"shard {Shard}: its stored leaves and checkpoints disagree ({problem}); it serves nothing until the store is repaired (run `ledger fsck`)";
        log.LogError("Shard {Shard} refuses to serve: {Problem}", Shard, _inconsistent);
    }

    private void ThrowIfInconsistent()
    {
        if (_inconsistent is not null) throw new ShardInconsistentException(_inconsistent);
    }

    public async Task<AppendResult[]> Append(LogAppend[] entries)
    {
        ThrowIfInconsistent();
        if (_broken is not null) throw new InvalidOperationException($"shard {Shard} is reloading after a storage failure; retry", _broken);
        var waits = new Task<LogPosition>[entries.Length];
        var duplicate = new bool[entries.Length];
        var appended = new PendingAppend?[entries.Length];
        // Ids already committed are found through the store's index (no per-record memory); ids in flight, in _pendingById.
        _lookups++;
        try
        {
            // A store that finds them as it appends refuses them then (CommitAsync resolves them): no lookup per record first.
            var stored = store.FindsDuplicatesOnAppend
                ? new StoredPosition?[entries.Length]
                : await store.FindAsync(entries.Select(e => Convert.FromHexString(e.RecordId)).ToList());
            ThrowIfInconsistent();
            if (_broken is not null) throw new InvalidOperationException($"shard {Shard} is reloading after a storage failure; retry", _broken);
            for (var i = 0; i < entries.Length; i++)
            {
                var id = entries[i].RecordId;
                if (_pendingById.TryGetValue(id, out var pending))
                {
                    (waits[i], duplicate[i]) = (pending.Committed.Task, true);
                }
                else if (stored[i] is { } at && SignedHere(at))
                {
                    (waits[i], duplicate[i]) = (Task.FromResult(new LogPosition(Shard, at.Index)), true);
                }
                else if (_committedDuringLookups.TryGetValue(id, out var index))
                {
                    (waits[i], duplicate[i]) = (Task.FromResult(new LogPosition(Shard, index)), true);
                }
                else if (stored[i] is { } elsewhere)
                {
                    throw StoredUnsigned(id, elsewhere);
                }
                else
                {
                    appended[i] = pending = new PendingAppend(entries[i]);
                    _pendingById[id] = pending;
                    _pending.Add(pending);
                    waits[i] = pending.Committed.Task;
                }
            }
        }
        finally
        {
            // Only once this call has checked its ids: an id committed while it looked may be recorded only there.
            if (--_lookups == 0) _committedDuringLookups.Clear();
        }
        if (!_flushing && _pending.Count > 0)
        {
            // Set before starting: FlushAsync can finish synchronously (its finally clears the flag), and a flag set after
            // it returned would then claim a flush that no longer runs, so no later append would ever be committed.
            _flushing = true;
            _ = FlushAsync();
        }
        var positions = await Task.WhenAll(waits);
        for (var i = 0; i < entries.Length; i++) duplicate[i] |= appended[i]?.FoundStored == true;
        // Every proof is against the checkpoint current now, which covers all of them; one tiled view shares the work.
        var edge = _edge;
        var note = _checkpoint.Format();
        var witnessedSize = WitnessedSize;
        var tiled = Tiled(edge);
        var results = new AppendResult[positions.Length];
        for (var i = 0; i < positions.Length; i++)
            results[i] = new AppendResult(entries[i].RecordId, positions[i], note, await tiled.InclusionProofAsync((ulong)positions[i].Index, edge.Size), duplicate[i], witnessedSize);
        return results;
    }

    private async Task FlushAsync()
    {
        try
        {
            while (_pending.Count > 0)
            {
                var take = Math.Min(_pending.Count, options.Value.MaxBatch);
                var batch = _pending.GetRange(0, take);
                _pending.RemoveRange(0, take);
                await CommitAsync(batch);
            }
        }
        catch (Exception e)
        {
            // The tree may now be ahead of storage: stop taking appends and let a fresh activation reload.
            _broken = e;
            log.LogError(e, "Shard {Shard}: batch commit failed; deactivating to reload from storage", Shard);
            foreach (var pending in _pending) pending.Committed.TrySetException(e);
            _pending = [];
            DeactivateOnIdle();
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await CommitOnceAsync(batch);
                return;
            }
            catch (RecordsAlreadyStoredException e)
            {
                // Nothing of the batch was committed: its records already stored are answered from where they are, the rest
                // are appended again at the same place.
                var remaining = batch.Where(pending => !ResolvedAsStored(pending, e.Stored)).ToList();
                if (remaining.Count == batch.Count)
                {
                    // A refusal naming none of the batch would be refused again: a store fault, failed like any other.
                    foreach (var pending in batch) pending.Committed.TrySetException(e);
                    throw;
                }
                batch = remaining;
            }
        }
    }

    private bool ResolvedAsStored(PendingAppend pending, IReadOnlyDictionary<string, StoredPosition> stored)
    {
        var id = pending.Entry.RecordId;
        if (!stored.TryGetValue(Convert.ToHexStringLower(pending.RecordId), out var at)) return false;
        _pendingById.Remove(id);
        if (SignedHere(at))
        {
            pending.FoundStored = true;
            pending.Committed.TrySetResult(new LogPosition(Shard, at.Index));
        }
        else pending.Committed.TrySetException(StoredUnsigned(id, at));
        return true;
    }

    // A record already stored is answered from where it is only if that is a leaf of this shard's signed tree.
    private bool SignedHere(StoredPosition at) => at.Shard == Shard && at.Index < SignedSize;

    private InvalidOperationException StoredUnsigned(string id, StoredPosition at) =>
        new($"shard {Shard}: record {id} is already stored at shard {at.Shard}, index {at.Index}, which this shard has not signed");

    private async Task CommitOnceAsync(List<PendingAppend> batch)
    {
        var start = (long)_edge.Size;
        var entries = new List<StoredEntry>(batch.Count);
        foreach (var pending in batch) entries.Add(new StoredEntry(start + entries.Count, pending.RecordId, pending.Entry.RecordJson));
        var completed = new List<TreeHash>();
        var edge = _edge.Append(batch.Select(p => MerkleHash.LeafHash(p.RecordId)), completed);
        SignedNote checkpoint;
        DateTimeOffset signedAt;
        _committing = batch.Count;
        try
        {
            if (_fault is not null) await _fault.BeforeSigningAsync(Shard);
            (checkpoint, signedAt) = (Sign(edge), SigningTime());
            await store.AppendAsync(Shard, start, entries, new StoredCheckpoint((long)edge.Size, edge.Root(), checkpoint.Format(), signedAt) { TreeHashes = completed });
        }
        catch (Exception e) when (e is not RecordsAlreadyStoredException)
        {
            foreach (var pending in batch) pending.Committed.TrySetException(e);
            throw;
        }
        finally
        {
            _committing = 0;
        }
        (_edge, _checkpoint, _signedAt) = (edge, checkpoint, signedAt);
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].Entry.RecordId;
            if (_lookups > 0) _committedDuringLookups[id] = start + i;
            _pendingById.Remove(id);
            batch[i].Committed.TrySetResult(new LogPosition(Shard, start + i));
        }
        var board = GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All);
        board.Add(batch.Select((p, i) => p.Entry.Summary with { Position = new LogPosition(Shard, start + i) }).ToArray()).Ignore();
        // One-way and idempotent: the queue reads the new leaves from the log at its own pace.
        Reproduction.Poke().Ignore();
        // Without a witness policy the latest signed checkpoint is the witnessed one; with one, the coordinator decides.
        if (Witnessing) Coordinator.CheckpointSigned(_checkpoint.Format()).Ignore();
        else board.ShardWitnessed(Shard, SignedSize).Ignore();
    }

    // Whole milliseconds, as the stores keep it, so a shard reports the same time before and after a restart.
    private static DateTimeOffset SigningTime() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private IWitnessCoordinatorGrain Coordinator => GrainFactory.GetGrain<IWitnessCoordinatorGrain>(Shard);

    private IReproductionQueueGrain Reproduction => GrainFactory.GetGrain<IReproductionQueueGrain>(Shard);

    private SignedNote Sign(TreeEdge edge)
    {
        var checkpoint = new Checkpoint(_signer.Name, edge.Size, edge.Root());
        return SignedNote.Sign((_fault?.Alter(Shard, checkpoint) ?? checkpoint).ToNoteText(), _signer);
    }

    public async Task Witnessed(string cosignedCheckpoint)
    {
        ThrowIfInconsistent();
        var note = SignedNote.Parse(cosignedCheckpoint);
        var checkpoint = Checkpoint.FromNote(note);
        var size = (long)checkpoint.Size;
        // Only a checkpoint of this shard's own history, signed by its key, and not older than the one held.
        var root = size > SignedSize || size < 0 ? null : await Tiled(_edge).RootAtAsync(checkpoint.Size);
        if (root is null || !checkpoint.RootHash.AsSpan().SequenceEqual(root) || !note.Verify([_signer.VerifierKey]).IsValid)
            throw new ArgumentException($"shard {Shard} did not sign checkpoint {checkpoint.Size} with that root");
        if (size < _witnessedSize || (size == _witnessedSize && note.Signatures.Count <= (_witnessedNote?.Signatures.Count ?? 0))) return;
        witnessed.State.CosignedCheckpoint = cosignedCheckpoint;
        witnessed.State.Size = size;
        await witnessed.WriteStateAsync();
        var grew = size > _witnessedSize;
        (_witnessedNote, _witnessedSize) = (note, size);
        if (grew) GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).ShardWitnessed(Shard, size).Ignore();
    }

    public Task<ShardInfo> GetInfo()
    {
        ThrowIfInconsistent();
        return Task.FromResult(new ShardInfo(Shard, _signer.Name, SignedSize, _signer.VerifierKey.ToString(), WitnessedSize, _signedAt, _pending.Count + _committing));
    }

    /// <summary>The latest signed checkpoint, with every cosignature collected once it is witnessed.</summary>
    public Task<string> GetCheckpoint()
    {
        ThrowIfInconsistent();
        return Task.FromResult(_witnessedNote is not null && _witnessedSize == SignedSize ? _witnessedNote.Format() : _checkpoint.Format());
    }

    public async Task<LogPosition?> Find(string recordId)
    {
        ThrowIfInconsistent();
        return await SignedIndexOf(recordId) is { } index ? new LogPosition(Shard, index) : null;
    }

    // The record's index when this shard holds and has signed it, through the store's index.
    private async Task<long?> SignedIndexOf(string recordId)
    {
        if (Hex.TryDecodeLower(recordId, 32) is not { } id) return null;
        var found = (await store.FindAsync([id]))[0];
        return found is { } at && at.Shard == Shard && at.Index < SignedSize ? at.Index : null;
    }

    public async Task<RecordProof?> GetRecordProof(string recordId)
    {
        ThrowIfInconsistent();
        if (await SignedIndexOf(recordId) is not { } index) return null;
        // Against the witnessed checkpoint when it covers the record, so the proof carries the cosignatures the policy needs.
        var (size, note) = Witnessing && _witnessedNote is not null && index < _witnessedSize ? (_witnessedSize, _witnessedNote) : (SignedSize, _checkpoint);
        return new RecordProof(new LogPosition(Shard, index), await Tiled(_edge).InclusionProofAsync((ulong)index, (ulong)size), note.Format());
    }

    public async Task<byte[][]> GetInclusionProof(long index, long size)
    {
        ThrowIfInconsistent();
        if (size < 1 || size > SignedSize || index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"need 0 <= index < size <= {SignedSize}, got index {index}, size {size}");
        return await Tiled(_edge).InclusionProofAsync((ulong)index, (ulong)size);
    }

    public async Task<byte[][]> GetConsistencyProof(long fromSize, long toSize)
    {
        ThrowIfInconsistent();
        if (fromSize < 1 || fromSize > toSize || toSize > SignedSize)
            throw new ArgumentOutOfRangeException(nameof(fromSize), $"need 1 <= from <= to <= {SignedSize}, got from {fromSize}, to {toSize}");
        return await Tiled(_edge).ConsistencyProofAsync((ulong)fromSize, (ulong)toSize);
    }

    public async Task<byte[]?> GetTile(int level, ulong index, int width, bool entries)
    {
        ThrowIfInconsistent();
        var tile = new TileAddress(level, index, width, entries);
        var edge = _edge;
        if (!TileMath.Exists(tile, edge.Size)) return null;
        if (!entries) return await new StoredHashTiles(store, Shard, edge, _fullTiles).ReadHashTileAsync(level, index, width, CancellationToken.None);
        if (tile.IsFull && _fullTiles.TryGet(tile, out var cached)) return cached;
        byte[] bytes;
        {
            // The leaf data is the record id; the store has it, the tree only its hash.
            var leaves = await store.ReadLeavesAsync(Shard, (long)(index * TileMath.Width), width);
            if (leaves.Count != width) throw new InvalidOperationException($"shard {Shard}: the store holds {leaves.Count} of the {width} entries of {TilePath.Format(tile)}");
            bytes = TileContents.EntryBundle(leaves.Select(l => l.RecordId).ToList());
        }
        // Full tiles never change, so they are worth keeping; partial ones are superseded by the next checkpoint.
        if (tile.IsFull) _fullTiles.Add(tile, bytes);
        return bytes;
    }
}
