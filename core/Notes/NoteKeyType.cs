namespace LedgerCluster.Core.Notes;

/// <summary>Signature type byte of a signed-note key (c2sp.org/signed-note); only the two we implement.</summary>
public enum NoteKeyType : byte
{
    /// <summary>Ed25519 over the note text.</summary>
    Ed25519 = 0x01,

    /// <summary>Timestamped Ed25519 witness cosignature (c2sp.org/tlog-cosignature, cosignature/v1).</summary>
    CosignatureV1 = 0x04,
}
