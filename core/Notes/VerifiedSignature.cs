namespace LedgerCluster.Core.Notes;

/// <summary>A known key whose signature on a note verified; <see cref="Timestamp"/> is set for cosignature/v1 keys.</summary>
public sealed record VerifiedSignature(NoteVerifierKey Key, ulong? Timestamp);
