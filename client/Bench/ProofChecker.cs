using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// Checks a returned proof the way an offline verifier would: the record routes to the shard that answered,
/// the checkpoint is signed by that shard's key from `/v1/shards`, and the inclusion proof leads from the
/// record's leaf to the checkpoint's root. A bench that skipped this could report speed for wrong answers.
/// </summary>
public sealed class ProofChecker(IReadOnlyList<ShardDescription> shards)
{
    private readonly Dictionary<int, (NoteVerifierKey Key, string Origin)> _keys =
        shards.ToDictionary(s => s.Shard, s => (NoteVerifierKey.Parse(s.VerifierKey), s.Origin));

    /// <summary>Null when the proof holds; otherwise why not.</summary>
    public string? Problem(string recordId, Submission answer)
    {
        var expectedShard = ShardRouter.ShardOf(recordId, _keys.Count);
        if (answer.Shard != expectedShard) return $"{recordId}: answered by shard {answer.Shard}, routes to {expectedShard}";
        if (!_keys.TryGetValue(answer.Shard, out var shard)) return $"{recordId}: shard {answer.Shard} is not in /v1/shards";
        if (!SignedNote.TryParse(answer.Checkpoint, out var note, out var error)) return $"{recordId}: checkpoint does not parse: {error}";
        var verification = note.Verify([shard.Key]);
        if (!verification.IsValid) return $"{recordId}: checkpoint signature: {verification.Error}";
        if (!Checkpoint.TryParse(note.Text, out var checkpoint, out error)) return $"{recordId}: checkpoint body: {error}";
        if (checkpoint.Origin != shard.Origin) return $"{recordId}: checkpoint origin {checkpoint.Origin}, shard {answer.Shard} is {shard.Origin}";
        if ((ulong)answer.Index >= checkpoint.Size) return $"{recordId}: index {answer.Index} is outside the checkpoint (size {checkpoint.Size})";
        var leaf = MerkleHash.LeafHash(Convert.FromHexString(recordId));
        return MerkleVerifier.VerifyInclusion((ulong)answer.Index, checkpoint.Size, leaf, answer.InclusionProof, checkpoint.RootHash)
            ? null
            : $"{recordId}: inclusion proof for index {answer.Index} does not lead to the root of checkpoint size {checkpoint.Size}";
    }
}
