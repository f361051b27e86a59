using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// The keys whose statements about a record the operator keeps: every witness of the witness policy and every
/// configured attestor. Anyone can make a key, so an attestation (a signed note, or a second signature over a logged
/// body) from any other key is not kept: unbounded, it would let anyone grow any record without limit.
/// </summary>
public sealed class TrustedAttesters
{
    private readonly HashSet<string> _publicKeys;

    public TrustedAttesters(WitnessPolicy? policy, IEnumerable<NoteVerifierKey> attestors)
    {
        // Attestation notes are plain Ed25519 notes under each key's name, whatever type the key was given as.
        NoteKeys = (policy is null ? [] : RecordAttestation.AttesterKeys(policy))
            .Concat(attestors.Select(a => NoteVerifierKey.Create(a.Name, NoteKeyType.Ed25519, a.PublicKey)))
            .ToList();
        _publicKeys = NoteKeys.Select(k => Convert.ToHexStringLower(k.PublicKey)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The keys an attestation note is verified with.</summary>
    public IReadOnlyList<NoteVerifierKey> NoteKeys { get; }

    /// <summary>No key is trusted: then no attestation of any kind is kept.</summary>
    public bool IsEmpty => NoteKeys.Count == 0;

    /// <summary>Whether a raw Ed25519 public key (64 lowercase hex, as a record's signature names it) is trusted.</summary>
    public bool Trusts(string publicKeyHex) => _publicKeys.Contains(publicKeyHex.ToLowerInvariant());

    /// <summary>Why nothing can be attested here, for the refusal.</summary>
    public const string NoneReason = "this cluster trusts no attester (no witness policy and no --attestor keys), so no attestation is kept";
}
