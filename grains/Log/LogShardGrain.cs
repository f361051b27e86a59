using LedgerCluster.Core.Fsck;
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
    private readonly Dictionary<string, long> _indexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingAppend> _pendingById = new(StringComparer.Ordinal);
    private List<PendingAppend> _pending = [];
    private MerkleTree _tree = new();
    private readonly BoundedTileCache _fullTiles = new(BoundedTileCache.DefaultCapacity);
    private NoteSigner _signer = null!;
    private SignedNote _checkpoint = null!;
    // The size _checkpoint signs (set with it, so it is never re-parsed from the note). The tree runs ahead of it while a batch commits, and that batch may yet fail,
    // so everything the shard reports or proves stops here.
    private long _signedSize;
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

    private bool Witnessing => witnessing.Value.Policy is not null;

    /// <summary>Records below this are `verified`: the witnessed size under a policy, else every signed record.</summary>
    private long WitnessedSize => Witnessing ? _witnessedSize : _signedSize;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var origin = ShardOrigin.For(options.Value.OriginPrefix, Shard);
        _signer = await ShardSigner.LoadAsync(store, origin);
        ShardSnapshot snapshot;
        try
        {
            snapshot = await store.LoadShardAsync(Shard, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            Refuse(e.Message);
            return;
        }
        var leafHashes = new List<byte[]>(snapshot.RecordIds.Count);
        foreach (var id in snapshot.RecordIds)
        {
            _indexById[Convert.ToHexStringLower(id)] = leafHashes.Count;
            leafHashes.Add(MerkleHash.LeafHash(id));
        }
        _tree = MerkleTree.FromLeafHashes(leafHashes);
        // The stored latest checkpoint must be the one this tree's shard signed: serving it, or signing on top of
        // leaves it does not cover, would give clients two views of one log.
        var latest = snapshot.Latest is { } l ? new CheckpointRow(l.Size, l.Root, l.Note) : null;
        if (LatestCheckpointCheck.Check(new ShardHead(Shard, origin, _signer.VerifierKey), _tree, latest) is { } problem)
        {
            Refuse(problem.ToString());
            return;
        }
        _checkpoint = latest is null ? Sign() : SignedNote.Parse(latest.Note);
        // A checkpoint stored before signing times were kept counts from this activation: no older than that can be shown.
        _signedAt = snapshot.Latest?.SignedAt ?? SigningTime();
        _signedSize = (long)_tree.Size;
        if (witnessed.State.CosignedCheckpoint is { } cosigned && witnessed.State.Size <= _signedSize)
            (_witnessedNote, _witnessedSize) = (SignedNote.Parse(cosigned), witnessed.State.Size);
        // Checkpoints signed before a restart and not yet witnessed go to the witnesses again; records not yet re-run, to reproduction.
        if (Witnessing && _signedSize > _witnessedSize) Coordinator.CheckpointSigned(_checkpoint.Format()).Ignore();
        if (_signedSize > 0) Reproduction.Poke().Ignore();
        log.LogInformation("Shard {Shard} ({Origin}) active with {Size} leaves", Shard, origin, _tree.Size);
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
        for (var i = 0; i < entries.Length; i++)
        {
            var id = entries[i].RecordId;
            if (_indexById.TryGetValue(id, out var index))
            {
                (waits[i], duplicate[i]) = (Task.FromResult(new LogPosition(Shard, index)), true);
            }
            else if (_pendingById.TryGetValue(id, out var pending))
            {
                (waits[i], duplicate[i]) = (pending.Committed.Task, true);
            }
            else
            {
                pending = new PendingAppend(entries[i]);
                _pendingById[id] = pending;
                _pending.Add(pending);
                waits[i] = pending.Committed.Task;
            }
        }
        if (!_flushing && _pending.Count > 0)
        {
            // Set before starting: FlushAsync can finish synchronously (its finally clears the flag), and a flag set after
            // it returned would then claim a flush that no longer runs, so no later append would ever be committed.
            _flushing = true;
            _ = FlushAsync();
        }
        var positions = await Task.WhenAll(waits);
        // Every proof is against the checkpoint current now, which covers all of them.
        var size = (ulong)_signedSize;
        var note = _checkpoint.Format();
        var witnessedSize = WitnessedSize;
        return positions.Select((p, i) => new AppendResult(entries[i].RecordId, p, note, _tree.InclusionProof((ulong)p.Index, size), duplicate[i], witnessedSize)).ToArray();
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
        var start = (long)_tree.Size;
        var entries = new List<StoredEntry>(batch.Count);
        foreach (var pending in batch)
        {
            entries.Add(new StoredEntry(start + entries.Count, pending.RecordId, pending.Entry.RecordJson));
            _tree.Append(MerkleHash.LeafHash(pending.RecordId));
        }
        SignedNote checkpoint;
        DateTimeOffset signedAt;
        _committing = batch.Count;
        try
        {
            if (_fault is not null) await _fault.BeforeSigningAsync(Shard);
            (checkpoint, signedAt) = (Sign(), SigningTime());
            await store.AppendAsync(Shard, start, entries, new StoredCheckpoint((long)_tree.Size, _tree.Root(), checkpoint.Format(), signedAt));
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Committed.TrySetException(e);
            throw;
        }
        finally
        {
            _committing = 0;
        }
        (_checkpoint, _signedAt) = (checkpoint, signedAt);
        _signedSize = start + batch.Count;
        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].Entry.RecordId;
            _indexById[id] = start + i;
            _pendingById.Remove(id);
            batch[i].Committed.TrySetResult(new LogPosition(Shard, start + i));
        }
        var board = GrainFactory.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All);
        board.Add(batch.Select((p, i) => p.Entry.Summary with { Position = new LogPosition(Shard, start + i) }).ToArray()).Ignore();
        // One-way and idempotent: the queue reads the new leaves from the log at its own pace.
        Reproduction.Poke().Ignore();
        // Without a witness policy the latest signed checkpoint is the witnessed one; with one, the coordinator decides.
        if (Witnessing) Coordinator.CheckpointSigned(_checkpoint.Format()).Ignore();
        else board.ShardWitnessed(Shard, _signedSize).Ignore();
    }

    // Whole milliseconds, as the stores keep it, so a shard reports the same time before and after a restart.
    private static DateTimeOffset SigningTime() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private IWitnessCoordinatorGrain Coordinator => GrainFactory.GetGrain<IWitnessCoordinatorGrain>(Shard);

    private IReproductionQueueGrain Reproduction => GrainFactory.GetGrain<IReproductionQueueGrain>(Shard);

    private SignedNote Sign()
    {
        var checkpoint = new Checkpoint(_signer.Name, _tree.Size, _tree.Root());
        return SignedNote.Sign((_fault?.Alter(Shard, checkpoint) ?? checkpoint).ToNoteText(), _signer);
    }

    public async Task Witnessed(string cosignedCheckpoint)
    {
        ThrowIfInconsistent();
        var note = SignedNote.Parse(cosignedCheckpoint);
        var checkpoint = Checkpoint.FromNote(note);
        var size = (long)checkpoint.Size;
        // Only a checkpoint of this shard's own history, signed by its key, and not older than the one held.
        if (size > _signedSize || !checkpoint.RootHash.AsSpan().SequenceEqual(_tree.RootAt(checkpoint.Size)) || !note.Verify([_signer.VerifierKey]).IsValid)
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
        return Task.FromResult(new ShardInfo(Shard, _signer.Name, _signedSize, _signer.VerifierKey.ToString(), WitnessedSize, _signedAt, _pending.Count + _committing));
    }

    /// <summary>The latest signed checkpoint, with every cosignature collected once it is witnessed.</summary>
    public Task<string> GetCheckpoint()
    {
        ThrowIfInconsistent();
        return Task.FromResult(_witnessedNote is not null && _witnessedSize == _signedSize ? _witnessedNote.Format() : _checkpoint.Format());
    }

    public Task<LogPosition?> Find(string recordId)
    {
        ThrowIfInconsistent();
        return Task.FromResult(_indexById.TryGetValue(recordId, out var index) ? new LogPosition(Shard, index) : null);
    }

    public Task<RecordProof?> GetRecordProof(string recordId)
    {
        ThrowIfInconsistent();
        if (!_indexById.TryGetValue(recordId, out var index)) return Task.FromResult<RecordProof?>(null);
        // Against the witnessed checkpoint when it covers the record, so the proof carries the cosignatures the policy needs.
        var (size, note) = Witnessing && _witnessedNote is not null && index < _witnessedSize ? (_witnessedSize, _witnessedNote) : (_signedSize, _checkpoint);
        return Task.FromResult<RecordProof?>(new RecordProof(new LogPosition(Shard, index), _tree.InclusionProof((ulong)index, (ulong)size), note.Format()));
    }

    public Task<byte[][]> GetInclusionProof(long index, long size)
    {
        ThrowIfInconsistent();
        if (size < 1 || size > _signedSize || index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"need 0 <= index < size <= {_signedSize}, got index {index}, size {size}");
        return Task.FromResult(_tree.InclusionProof((ulong)index, (ulong)size));
    }

    public Task<byte[][]> GetConsistencyProof(long fromSize, long toSize)
    {
        ThrowIfInconsistent();
        if (fromSize < 1 || fromSize > toSize || toSize > _signedSize)
            throw new ArgumentOutOfRangeException(nameof(fromSize), $"need 1 <= from <= to <= {_signedSize}, got from {fromSize}, to {toSize}");
        return Task.FromResult(_tree.ConsistencyProof((ulong)fromSize, (ulong)toSize));
    }

    public async Task<byte[]?> GetTile(int level, ulong index, int width, bool entries)
    {
        ThrowIfInconsistent();
        var tile = new TileAddress(level, index, width, entries);
        var signedSize = (ulong)_signedSize;
        if (!TileMath.Exists(tile, signedSize)) return null;
        if (tile.IsFull && _fullTiles.TryGet(tile, out var cached)) return cached;
        byte[] bytes;
        if (entries)
        {
            // The leaf data is the record id; the store has it, the tree only its hash.
            var leaves = await store.ReadLeavesAsync(Shard, (long)(index * TileMath.Width), width);
            if (leaves.Count != width) throw new InvalidOperationException($"shard {Shard}: the store holds {leaves.Count} of the {width} entries of {TilePath.Format(tile)}");
            bytes = TileContents.EntryBundle(leaves.Select(l => l.RecordId).ToList());
        }
        else bytes = TileContents.HashTile(_tree, tile, signedSize);
        // Full tiles never change, so they are worth keeping; partial ones are superseded by the next checkpoint.
        if (tile.IsFull) _fullTiles.Add(tile, bytes);
        return bytes;
    }
}
