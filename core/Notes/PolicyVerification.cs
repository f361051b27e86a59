namespace LedgerCluster.Core.Notes;

/// <summary>
/// Result of checking a signed checkpoint against a <see cref="WitnessPolicy"/>: a policy log signed it under its
/// origin, no known key's signature failed, and the verified cosigners satisfy the quorum.
/// </summary>
public sealed record PolicyVerification(
    string? Error,
    Checkpoint? Checkpoint,
    NoteVerifierKey? Log,
    IReadOnlyDictionary<string, WitnessCosignature> Cosignatures)
{
    public bool IsValid => Error is null;
}
