using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.Client.Gateway;

/// <summary>
/// Checks what a gateway shows against what this client saw before: the shard's latest checkpoint must extend the
/// remembered one and the checkpoint of a proof just fetched. A fork is reported with both signed notes; otherwise the
/// latest checkpoint is remembered.
/// </summary>
public static class SplitViewGuard
{
    public static async Task<ForkEvidence?> CheckAsync(LedgerGatewayClient client, CheckpointMemory memory, int shard, NoteVerifierKey logKey,
        string? proofCheckpoint, CancellationToken cancel)
    {
        var latestText = await client.GetCheckpointAsync(shard, cancel);
        var latestNote = SignedNote.Parse(latestText);
        // Only notes the log really signed are evidence; anything else is just a broken gateway.
        if (!latestNote.Verify([logKey]).IsValid) throw new FormatException($"the gateway's checkpoint of shard {shard} is not signed by {logKey.Name}");
        var latest = Checkpoint.FromNote(latestNote);
        var earlier = new List<string>();
        // Keyed by the log's verifier key, not just the origin: two logs may share an origin name, never a key.
        if (memory.Load().GetValueOrDefault(logKey.ToString()) is { } remembered) earlier.Add(remembered);
        if (proofCheckpoint is not null) earlier.Add(proofCheckpoint);
        foreach (var text in earlier)
        {
            var known = Checkpoint.FromNote(SignedNote.Parse(text));
            var proof = known.Size > 0 && known.Size < latest.Size ? await client.GetConsistencyProofAsync(shard, (long)known.Size, (long)latest.Size, cancel) : [];
            if (SplitViewCheck.FindFork(known, latest, proof) is { } reason) return new ForkEvidence(latest.Origin, reason, text, latestText);
        }
        memory.Remember(logKey.ToString(), latestText);
        return null;
    }
}
