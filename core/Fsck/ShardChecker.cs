using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Fsck;

/// <summary>
/// Checks one shard in log order: reads its leaves page by page into a fresh tree, checks each leaf as it comes and
/// each checkpoint as soon as the tree reaches its size, so the problem reported is the earliest place the log goes
/// wrong. Then every checkpoint must be consistent with the latest, and no leaf may lie beyond the latest.
/// </summary>
public sealed class ShardChecker
{
    private readonly ILedgerSource _source;
    private readonly ShardHead _head;
    private readonly int _shardCount;
    private readonly Dictionary<string, (int Shard, long Index)> _seen;
    private readonly Action<long> _advanced;
    // Each checkpoint with the size it is checked at: its note's size when the note parses (a tampered size column
    // must not move it), else the stored size.
    private readonly List<(CheckpointRow? Row, string Note, long Place)> _checkpoints;
    private readonly Checkpoint?[] _parsed;
    private readonly MerkleTree _tree = new();
    private int _due;
    private long _recordsChecked;

    /// <param name="rows">The shard's stored checkpoints.</param>
    /// <param name="seen">Record ids met so far in any shard, shared so a duplicate across shards is found.</param>
    /// <param name="advanced">Told how many leaves were just checked (progress).</param>
    public ShardChecker(ILedgerSource source, ShardHead head, int shardCount, IReadOnlyList<CheckpointRow> rows,
        Dictionary<string, (int, long)> seen, Action<long> advanced)
    {
        (_source, _head, _shardCount, _seen, _advanced) = (source, head, shardCount, seen, advanced);
        var all = rows.Select(r => ((CheckpointRow?)r, r.Note, NoteSize(r.Note) ?? r.Size)).OrderBy(c => c.Item3).ToList();
        // A live log may have stored checkpoints newer than the one it served when fsck began; that one is the snapshot.
        Covered = head.ServedCheckpoint is { } served ? NoteSize(served) ?? 0 : all.Count > 0 ? all[^1].Item3 : 0;
        _checkpoints = all.Where(c => c.Item3 <= Covered).ToList();
        if (head.ServedCheckpoint is { } current && !_checkpoints.Any(c => c.Note == current)) _checkpoints.Add((null, current, Covered));
        _parsed = new Checkpoint?[_checkpoints.Count];
    }

    /// <summary>The leaves the latest signed checkpoint covers: what this check reads.</summary>
    public long Covered { get; }

    public async Task<(ShardResult Result, FsckProblem? Problem)> RunAsync(CancellationToken cancel)
    {
        var problem = await CheckAsync(cancel);
        return (new ShardResult(_head.Shard, _head.Origin, (long)_tree.Size, _due, _recordsChecked), problem);
    }

    private async Task<FsckProblem?> CheckAsync(CancellationToken cancel)
    {
        if (_checkpoints.Count == 0) return await UnsignedLeafAsync(0, cancel);
        if (_head.Key is null)
            return new FsckProblem(_head.Shard, FsckChecks.ShardKey, $"the log key of {_head.Origin}", $"no key in {_source.Description}");
        if (CheckDue() is { } first) return first;
        while ((long)_tree.Size < Covered)
        {
            var from = (long)_tree.Size;
            var page = await _source.ReadLeavesAsync(_head.Shard, from, (int)Math.Min(_source.PageSize, Covered - from), cancel);
            if (page.Count == 0)
                return new FsckProblem(_head.Shard, FsckChecks.LeafMissing, $"leaf {from} (the signed checkpoint of size {Covered} covers it)", "no leaf at or after it", Index: from);
            if (CheckPage(page) is { } problem) return problem;
        }
        var latest = _parsed[^1]!;
        foreach (var old in _parsed)
            if (await CheckConsistencyAsync(old!, latest, cancel) is { } problem) return problem;
        return await UnsignedLeafAsync(Covered, cancel);
    }

    // Checks every checkpoint whose size the tree has reached, before the next leaf is added.
    private FsckProblem? CheckDue()
    {
        for (; _due < _checkpoints.Count && _checkpoints[_due].Place <= (long)_tree.Size; _due++)
        {
            var (row, note, place) = _checkpoints[_due];
            if (CheckpointCheck.CheckNote(_head, place, note, out var checkpoint) is { } problem) return problem;
            if (row is not null && CheckpointCheck.CheckRow(_head.Shard, row, checkpoint!) is { } rowProblem) return rowProblem;
            if (CheckpointCheck.CheckRoot(_head.Shard, checkpoint!, _tree) is { } rootProblem) return rootProblem;
            _parsed[_due] = checkpoint;
        }
        return null;
    }

    private FsckProblem? CheckPage(IReadOnlyList<LeafRow> page)
    {
        // Parsing, hashing and verifying records is the expensive part: spread it over the cores, report in order.
        var recordProblems = new FsckProblem?[page.Count];
        Parallel.For(0, page.Count, i => recordProblems[i] = RecordCheck.Check(_head.Shard, page[i]));
        var before = _tree.Size;
        for (var i = 0; i < page.Count; i++)
        {
            var leaf = page[i];
            if (LeafCheck.Check(_head.Shard, _shardCount, (long)_tree.Size, leaf) is { } problem) return problem;
            if (!_seen.TryAdd(leaf.RecordId, (_head.Shard, leaf.Index)))
            {
                var (shard, index) = _seen[leaf.RecordId];
                return new FsckProblem(_head.Shard, FsckChecks.RecordDuplicate, "each record id once in the log", $"{leaf.RecordId} also at shard {shard} leaf {index}", Index: leaf.Index);
            }
            if (recordProblems[i] is { } recordProblem) return recordProblem;
            if (leaf.Json is not null) _recordsChecked++;
            _tree.AppendLeafData(Convert.FromHexString(leaf.RecordId));
            if (CheckDue() is { } checkpointProblem) return checkpointProblem;
        }
        _advanced((long)(_tree.Size - before));
        return null;
    }

    private async Task<FsckProblem?> CheckConsistencyAsync(Checkpoint old, Checkpoint latest, CancellationToken cancel)
    {
        if (old.Size == 0) return null;
        var proof = await _source.GetConsistencyProofAsync(_head.Shard, (long)old.Size, (long)latest.Size, cancel)
            ?? _tree.ConsistencyProof(old.Size, latest.Size);
        return MerkleVerifier.VerifyConsistency(old.Size, latest.Size, proof, old.RootHash, latest.RootHash) ? null
            : new FsckProblem(_head.Shard, FsckChecks.CheckpointConsistency, $"a consistency proof from size {old.Size} to the latest ({latest.Size}) that verifies",
                $"a proof of {proof.Length} hashes that does not", CheckpointSize: (long)old.Size);
    }

    // Appends store leaves and their checkpoint atomically, so a leaf past the latest checkpoint was never signed,
    // unless the log grew while fsck read it: then a newer checkpoint covers it.
    private async Task<FsckProblem?> UnsignedLeafAsync(long index, CancellationToken cancel)
    {
        if ((await _source.ReadLeavesAsync(_head.Shard, index, 1, cancel)).Count == 0) return null;
        var now = await _source.GetCheckpointsAsync(_head.Shard, cancel);
        if (now.Any(c => c.Size > index)) return null;
        return new FsckProblem(_head.Shard, FsckChecks.UnsignedLeaf,
            index == 0 ? "no leaves (no checkpoint is signed)" : $"no leaf past the latest signed checkpoint (size {index})", $"leaf {index}", Index: index);
    }

    private static long? NoteSize(string note) =>
        SignedNote.TryParse(note, out var parsed, out _) && Checkpoint.TryParse(parsed.Text, out var checkpoint, out _) ? (long)checkpoint.Size : null;
}
