using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Fsck;

/// <summary>
/// One signed checkpoint against the shard: the note parses, names the shard's origin, verifies under the shard's
/// key, agrees with the size and root stored beside it, and its root is the root recomputed from the leaves.
/// </summary>
public static class CheckpointCheck
{
    /// <summary>Parse, origin and signature: everything that needs no leaves. <paramref name="checkpoint"/> is set when they pass.</summary>
    public static FsckProblem? CheckNote(ShardHead head, long place, string noteText, out Checkpoint? checkpoint)
    {
        checkpoint = null;
        if (!SignedNote.TryParse(noteText, out var note, out var error) || !Checkpoint.TryParse(note.Text, out checkpoint, out error))
            return Problem(FsckChecks.CheckpointNote, "a signed checkpoint note", error);
        if (checkpoint.Origin != head.Origin)
        {
            var origin = checkpoint.Origin;
            checkpoint = null;
            return Problem(FsckChecks.CheckpointOrigin, $"origin {head.Origin}", $"origin {origin}");
        }
        var verification = note.Verify([head.Key!]);
        if (!verification.IsValid)
        {
            checkpoint = null;
            return Problem(FsckChecks.CheckpointSignature, $"a valid signature by {head.Key}", verification.Error!);
        }
        return null;

        FsckProblem Problem(string check, string expected, string found) => new(head.Shard, check, expected, found, CheckpointSize: place);
    }

    /// <summary>The stored size and root columns agree with the signed note.</summary>
    public static FsckProblem? CheckRow(int shard, CheckpointRow row, Checkpoint checkpoint)
    {
        if ((ulong)row.Size != checkpoint.Size)
            return new FsckProblem(shard, FsckChecks.CheckpointRow, $"stored size {checkpoint.Size} (the signed note's)", $"stored size {row.Size}", CheckpointSize: row.Size);
        if (!row.Root.AsSpan().SequenceEqual(checkpoint.RootHash))
            return new FsckProblem(shard, FsckChecks.CheckpointRow, $"stored root {Base64(checkpoint.RootHash)} (the signed note's)", $"stored root {Base64(row.Root)}", CheckpointSize: row.Size);
        return null;
    }

    /// <summary>The signed root is the root of the first <c>checkpoint.Size</c> leaves read; the tree must have reached that size.</summary>
    public static FsckProblem? CheckRoot(int shard, Checkpoint checkpoint, MerkleTree tree) => CheckRoot(shard, checkpoint, tree.RootAt(checkpoint.Size));

    /// <summary>The signed root is <paramref name="recomputed"/>, the root of the first <c>checkpoint.Size</c> leaves as recomputed from the store.</summary>
    public static FsckProblem? CheckRoot(int shard, Checkpoint checkpoint, byte[] recomputed)
    {
        return recomputed.AsSpan().SequenceEqual(checkpoint.RootHash) ? null
            : new FsckProblem(shard, FsckChecks.CheckpointRoot, $"root {Base64(recomputed)} (recomputed from the leaves)", $"signed root {Base64(checkpoint.RootHash)}", CheckpointSize: (long)checkpoint.Size);
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);
}
