namespace LedgerCluster.Core.Notes;

/// <summary>
/// Which witnesses cosigned a checkpoint. <see cref="Failed"/> lists known witnesses with a cosignature line that does
/// not verify; callers following c2sp.org/signed-note reject the note when it is non-empty.
/// </summary>
public sealed record CosignatureVerification(IReadOnlyList<WitnessCosignature> Cosignatures, IReadOnlyList<NoteVerifierKey> Failed)
{
    public bool AllValid => Failed.Count == 0;
}
