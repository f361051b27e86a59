using System.Globalization;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// A record attestation note text (FORMATS.md section 4):
/// <c>ledgercluster/attestation/v1\n&lt;record id&gt;\n&lt;verified|reproduced&gt;\n&lt;origin&gt; &lt;index&gt;\n</c>.
/// </summary>
public sealed record RecordAttestation(string RecordId, string Statement, string Origin, ulong Index)
{
    public const string Header = "ledgercluster/attestation/v1";

    public static readonly IReadOnlyList<string> Statements = ["verified", "reproduced"];

    public string ToNoteText() => $"{Header}\n{RecordId}\n{Statement}\n{Origin} {Index.ToString(CultureInfo.InvariantCulture)}\n";

    /// <summary>Signs the attestation with a witness key, as a plain Ed25519 note under the witness's name.</summary>
    public SignedNote Sign(NoteSigner witness)
    {
        using var plain = witness.Type == NoteKeyType.Ed25519 ? null : witness.WithType(NoteKeyType.Ed25519);
        return SignedNote.Sign(ToNoteText(), plain ?? witness);
    }

    public static RecordAttestation Parse(string noteText)
    {
        var lines = noteText.EndsWith('\n') ? noteText[..^1].Split('\n') : throw new FormatException("attestation text must end with a newline");
        if (lines.Length != 4) throw new FormatException($"attestation has {lines.Length} lines; want header, record id, statement, '<origin> <index>'");
        if (lines[0] != Header) throw new FormatException($"attestation line 1 must be '{Header}'");
        if (!Hex.IsLowerHex(lines[1], 32)) throw new FormatException("attestation line 2 must be a record id (64 lowercase hex characters)");
        if (!Statements.Contains(lines[2])) throw new FormatException($"attestation line 3: statement '{lines[2]}' must be verified or reproduced");
        var space = lines[3].LastIndexOf(' ');
        if (space <= 0 || !ulong.TryParse(lines[3][(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || lines[3][(space + 1)..] != index.ToString(CultureInfo.InvariantCulture))
            throw new FormatException("attestation line 4 must be '<checkpoint origin> <index>'");
        return new RecordAttestation(lines[1], lines[2], lines[3][..space], index);
    }

    /// <summary>The plain Ed25519 keys attestations are checked with: each policy witness's public key under its name.</summary>
    public static IReadOnlyList<NoteVerifierKey> AttesterKeys(WitnessPolicy policy) =>
        policy.Witnesses.Select(w => NoteVerifierKey.Create(w.Key.Name, NoteKeyType.Ed25519, w.Key.PublicKey)).ToList();
}
