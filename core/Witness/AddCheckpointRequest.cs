using System.Globalization;
using System.Text;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Witness;

/// <summary>
/// The body of a c2sp.org/tlog-witness add-checkpoint request: <c>old &lt;size&gt;\n</c>, one base64 consistency
/// proof hash per line, a blank line, then the signed checkpoint note.
/// </summary>
public sealed record AddCheckpointRequest(ulong OldSize, IReadOnlyList<byte[]> Proof, SignedNote Checkpoint)
{
    /// <summary>A consistency proof of a tree under 2^63 leaves has at most 63 hashes (the spec's own bound).</summary>
    public const int MaxProofHashes = 63;

    /// <summary>A checkpoint note plus a full proof fits easily; anything larger is hostile.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public string Format()
    {
        var builder = new StringBuilder();
        builder.Append("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Proof) builder.Append(Convert.ToBase64String(hash)).Append('\n');
        return builder.Append('\n').Append(Checkpoint.Format()).ToString();
    }

    /// <summary>Strict parse; every problem is a <see cref="FormatException"/> naming it (the witness answers 400).</summary>
    public static AddCheckpointRequest Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes) throw new FormatException($"request body is {body.Length} bytes, over the limit of {MaxBodyBytes}");
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body); }
        catch (DecoderFallbackException) { throw new FormatException("request body is not valid UTF-8"); }
        var end = text.IndexOf('\n');
        if (end < 0) throw new FormatException("request body must start with an 'old <size>' line");
        var first = text[..end];
        if (!first.StartsWith("old ", StringComparison.Ordinal) || !TryParseSize(first[4..], out var old))
            throw new FormatException($"line 1 must be 'old <decimal size>', got '{Truncate(first)}'");
        var proof = new List<byte[]>();
        var position = end + 1;
        for (var line = 2; ; line++)
        {
            end = text.IndexOf('\n', position);
            if (end < 0) throw new FormatException("request body has no blank line before the checkpoint");
            var hash = text[position..end];
            position = end + 1;
            if (hash.Length == 0) break;
            if (proof.Count == MaxProofHashes) throw new FormatException($"consistency proof has more than {MaxProofHashes} hashes");
            var bytes = new byte[MerkleHash.Size];
            if (hash.Length != 44 || !Convert.TryFromBase64String(hash, bytes, out var written) || written != MerkleHash.Size || Convert.ToBase64String(bytes) != hash)
                throw new FormatException($"line {line}: a consistency proof line must be the canonical base64 of a 32-byte hash");
            proof.Add(bytes);
        }
        var note = SignedNote.Parse(text[position..]);
        return new AddCheckpointRequest(old, proof, note);
    }

    private static bool TryParseSize(string text, out ulong value)
    {
        value = 0;
        if (text.Length is 0 or > 20 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit)) return false;
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
