using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// Split-view defence for a client: a checkpoint it is shown now must extend the one it saw before (same origin,
/// not smaller, same root at the same size, a consistency proof that verifies). Otherwise the log forked its view.
/// </summary>
public static class SplitViewCheck
{
    /// <summary>Null when <paramref name="latest"/> extends <paramref name="known"/>; otherwise why the two are a fork.</summary>
    public static string? FindFork(Checkpoint known, Checkpoint latest, IReadOnlyList<byte[]> proof)
    {
        if (known.Origin != latest.Origin) throw new ArgumentException($"checkpoints of different logs: {known.Origin} and {latest.Origin}");
        if (latest.Size < known.Size)
            return $"the log now shows size {latest.Size}, smaller than the size {known.Size} it showed before";
        if (latest.Size == known.Size)
            return known.RootHash.AsSpan().SequenceEqual(latest.RootHash) ? null : $"two different roots signed for size {known.Size}";
        if (known.Size == 0) return null;
        return MerkleVerifier.VerifyConsistency(known.Size, latest.Size, proof, known.RootHash, latest.RootHash)
            ? null
            : $"the checkpoint of size {latest.Size} is not consistent with the one of size {known.Size} seen before (consistency proof fails)";
    }
}
