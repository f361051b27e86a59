using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// The c2sp.org/tlog-witness decision, as pure code shared by every host: parse the add-checkpoint body, check it
/// against the trusted log keys and the latest cosigned state, and either refuse (404, 403, 400, 409, 422) or cosign
/// (200) and name the state to store. Hosts must store <see cref="WitnessDecision.NewState"/> before answering and
/// must not run two decisions for one origin at once: that is what makes the check-and-update atomic.
/// </summary>
public static class TlogWitness
{
    public static WitnessDecision Decide(
        ReadOnlySpan<byte> body,
        Func<string, IReadOnlyList<NoteVerifierKey>?> logKeys,
        Func<string, WitnessedLog?> latest,
        NoteSigner witness,
        ulong now)
    {
        AddCheckpointRequest request;
        Checkpoint checkpoint;
        try
        {
            request = AddCheckpointRequest.Parse(body);
            checkpoint = Checkpoint.Parse(request.Checkpoint.Text);
        }
        catch (FormatException e)
        {
            return new WitnessDecision(WitnessResponse.Error(400, $"malformed add-checkpoint request: {e.Message}"), null, null);
        }
        var origin = checkpoint.Origin;
        if (logKeys(origin) is not { Count: > 0 } keys)
            return Refuse(404, $"unknown log origin '{origin}'");
        var signatures = request.Checkpoint.Verify(keys);
        if (!signatures.IsValid)
            return Refuse(403, $"checkpoint has no valid signature by the log key of '{origin}': {signatures.Error}");
        // tlog-witness: a checkpoint of size 0 must carry the empty-tree root; cosigning another would record a state
        // no log can extend, and the genuine empty checkpoint would then be refused as a fork.
        if (checkpoint.Size == 0 && !checkpoint.RootHash.AsSpan().SequenceEqual(MerkleHash.EmptyRoot))
            return Refuse(422, $"a checkpoint of size 0 must carry the empty-tree root {Convert.ToBase64String(MerkleHash.EmptyRoot)}");
        if (request.OldSize > checkpoint.Size)
            return Refuse(400, $"old size {request.OldSize} is larger than the checkpoint size {checkpoint.Size}");
        var known = latest(origin);
        var knownSize = known?.Size ?? 0;
        if (request.OldSize != knownSize)
            return new WitnessDecision(WitnessResponse.Conflict(knownSize), origin, null);
        if (known is not null && checkpoint.Size == known.Size)
        {
            if (!checkpoint.RootHash.AsSpan().SequenceEqual(known.Root))
                return Refuse(422, $"checkpoint of size {checkpoint.Size} has a different root than the one cosigned at that size");
            if (request.Proof.Count != 0) return Refuse(422, "a consistency proof between equal sizes must be empty");
        }
        else if (request.OldSize == 0)
        {
            if (request.Proof.Count != 0) return Refuse(422, "a consistency proof from the empty tree must be empty");
        }
        else if (!MerkleVerifier.VerifyConsistency(request.OldSize, checkpoint.Size, request.Proof, known!.Root, checkpoint.RootHash))
        {
            return Refuse(422, $"the consistency proof from size {request.OldSize} to {checkpoint.Size} does not verify");
        }
        var cosignature = witness.Cosign(request.Checkpoint.Text, now);
        return new WitnessDecision(WitnessResponse.Cosigned(cosignature.FormatLine() + "\n"), origin, new WitnessedLog(checkpoint.Size, checkpoint.RootHash));

        WitnessDecision Refuse(int status, string reason) => new(WitnessResponse.Error(status, reason), origin, null);
    }
}
