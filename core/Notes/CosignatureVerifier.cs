namespace LedgerCluster.Core.Notes;

/// <summary>Finds the witness cosignatures (c2sp.org/tlog-cosignature) on a signed checkpoint.</summary>
public static class CosignatureVerifier
{
    /// <summary>
    /// Checks every signature line of <paramref name="signedCheckpoint"/> made by one of <paramref name="witnesses"/>
    /// (all cosignature/v1 keys); other lines, including the log's own signature, are ignored.
    /// </summary>
    public static CosignatureVerification Verify(SignedNote signedCheckpoint, IEnumerable<NoteVerifierKey> witnesses)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoint);
        ArgumentNullException.ThrowIfNull(witnesses);
        var keys = witnesses.ToList();
        foreach (var key in keys)
            if (key is null || key.Type != NoteKeyType.CosignatureV1)
                throw new ArgumentException($"witness keys must be cosignature/v1 (type 0x04) keys; got {key?.ToString() ?? "null"}", nameof(witnesses));
        var result = signedCheckpoint.Verify(keys);
        var cosignatures = result.Verified
            .Select(v => new WitnessCosignature(v.Key, v.Timestamp ?? throw new InvalidOperationException("cosignature verified without a timestamp")))
            .ToList();
        return new CosignatureVerification(cosignatures.AsReadOnly(), result.Failed);
    }

    /// <summary>Cosigns a checkpoint note text; the line can be appended with <see cref="SignedNote.WithSignature"/>.</summary>
    public static NoteSignature Cosign(NoteSigner witness, Checkpoint checkpoint, ulong timestamp)
    {
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(checkpoint);
        return witness.Cosign(checkpoint.ToNoteText(), timestamp);
    }
}
