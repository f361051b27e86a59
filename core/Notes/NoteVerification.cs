namespace LedgerCluster.Core.Notes;

/// <summary>
/// Outcome of checking a note against known keys. Signatures by unknown keys are ignored; a failing signature by a
/// known key poisons the note (c2sp.org/signed-note: clients should reject the whole note).
/// </summary>
public sealed record NoteVerification(IReadOnlyList<VerifiedSignature> Verified, IReadOnlyList<NoteVerifierKey> Failed)
{
    /// <summary>At least one known key verified and none failed.</summary>
    public bool IsValid => Failed.Count == 0 && Verified.Count > 0;

    /// <summary>Why the note is not valid, or null when it is.</summary>
    public string? Error =>
        Failed.Count > 0 ? $"signature by known key {Failed[0].Name}+{Failed[0].KeyId:x8} does not verify"
        : Verified.Count == 0 ? "no signature from a known key"
        : null;

    public bool IsVerifiedBy(NoteVerifierKey key) => Verified.Any(v => v.Key.Equals(key));
}
