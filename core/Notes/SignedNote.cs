using System.Text;

namespace LedgerCluster.Core.Notes;

/// <summary>
/// A c2sp.org/signed-note: text ending in newline, a blank line, then one signature line per signer.
/// Parsing checks structure only; <see cref="Verify"/> checks signatures against known keys.
/// </summary>
public sealed class SignedNote
{
    /// <summary>Parsing stops here; the spec asks verifiers to bound work and to accept at least 16 signatures.</summary>
    public const int MaxSignatures = 100;

    /// <summary>Whole-note size bound (room for 100 Ed25519 lines, or 16 post-quantum ones, with plenty to spare).</summary>
    public const int MaxNoteBytes = 256 * 1024;

    public SignedNote(string text, IEnumerable<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ValidateText(text);
        var list = signatures.ToList();
        if (list.Count == 0) throw new ArgumentException("a signed note needs at least one signature", nameof(signatures));
        if (list.Count > MaxSignatures) throw new ArgumentException($"a signed note holds at most {MaxSignatures} signatures", nameof(signatures));
        if (list.Any(s => s is null)) throw new ArgumentException("null signature", nameof(signatures));
        Text = text;
        Signatures = list.AsReadOnly();
    }

    /// <summary>The signed text, including its final newline but not the blank separator line.</summary>
    public string Text { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with each plain Ed25519 signer, in order.</summary>
    public static SignedNote Sign(string text, params NoteSigner[] signers) =>
        new(text, signers.Select(s => s.Sign(text)));

    /// <summary>A copy with <paramref name="signature"/> appended (e.g. a witness cosignature).</summary>
    public SignedNote WithSignature(NoteSignature signature) => new(Text, [.. Signatures, signature]);

    /// <summary>The exact note text: text, blank line, one signature line each.</summary>
    public string Format()
    {
        var builder = new StringBuilder(Text.Length + 128 * Signatures.Count);
        builder.Append(Text).Append('\n');
        foreach (var signature in Signatures) builder.Append(signature.FormatLine()).Append('\n');
        return builder.ToString();
    }

    public override string ToString() => Format();

    public static SignedNote Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxNoteBytes) throw new FormatException($"signed note is {utf8.Length} bytes, over the limit of {MaxNoteBytes}");
        return Parse(NoteEncoding.FromUtf8(utf8, "signed note"));
    }

    /// <summary>Strict parse: the result formats back to exactly <paramref name="note"/>.</summary>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        CheckCharacters(note, "signed note");
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) throw new FormatException("signed note has no blank line between the text and the signatures");
        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        var firstSignatureLine = NoteEncoding.LineAt(note, split + 2);
        if (block.Length == 0) throw new FormatException($"signed note line {firstSignatureLine}: no signature lines after the blank line");
        if (block[^1] != '\n') throw new FormatException($"signed note line {NoteEncoding.LineAt(note, note.Length)}: the last signature line must end with a newline");
        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures) throw new FormatException($"signed note has {lines.Length} signature lines, over the limit of {MaxSignatures}");
        var signatures = new NoteSignature[lines.Length];
        for (var i = 0; i < lines.Length; i++)
            signatures[i] = NoteSignature.ParseLine(lines[i], firstSignatureLine + i);
        return new SignedNote(text, signatures);
    }

    public static bool TryParse(string? note, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SignedNote? result, out string error)
    {
        result = null;
        error = "";
        if (note is null) { error = "signed note is missing"; return false; }
        try { result = Parse(note); return true; }
        catch (FormatException e) { error = e.Message; return false; }
    }

    /// <summary>Which of <paramref name="knownKeys"/> signed this note; see <see cref="NoteVerification"/> for the rules.</summary>
    public NoteVerification Verify(IEnumerable<NoteVerifierKey> knownKeys)
    {
        ArgumentNullException.ThrowIfNull(knownKeys);
        var keys = knownKeys.ToList();
        if (keys.Any(k => k is null)) throw new ArgumentException("null verifier key", nameof(knownKeys));
        var textBytes = Encoding.UTF8.GetBytes(Text);
        var verified = new List<VerifiedSignature>();
        var failed = new List<NoteVerifierKey>();
        foreach (var signature in Signatures)
        {
            // Name and id together select the key; a match on only one of them is someone else's key.
            var candidates = keys.Where(k => k.KeyId == signature.KeyId && string.Equals(k.Name, signature.Name, StringComparison.Ordinal)).ToList();
            if (candidates.Count == 0) continue;
            VerifiedSignature? hit = null;
            foreach (var key in candidates)
                if (key.TryVerify(textBytes, signature.SignatureSpan, out var timestamp)) { hit = new VerifiedSignature(key, timestamp); break; }
            if (hit is null)
            {
                foreach (var key in candidates)
                    if (!failed.Contains(key)) failed.Add(key);
            }
            else if (!verified.Any(v => v.Key.Equals(hit.Key)))
            {
                verified.Add(hit);
            }
        }
        return new NoteVerification(verified.AsReadOnly(), failed.AsReadOnly());
    }

    /// <summary>Checks a note text (non-empty, newline-terminated, no control characters, size) and returns its UTF-8 bytes.</summary>
    internal static byte[] ValidateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckCharacters(text, "note text");
        if (text.Length == 0 || text[^1] != '\n') throw new FormatException("note text must end with a newline");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Size, UTF-8 validity and the ban on control characters other than newline, naming the line at fault.</summary>
    internal static void CheckCharacters(string text, string what)
    {
        if (text.Length > MaxNoteBytes) throw new FormatException($"{what} is over the limit of {MaxNoteBytes} bytes");
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { line++; continue; }
            if (c < 0x20) throw new FormatException($"{what} line {line}: control character U+{(int)c:X4} is not allowed");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) throw new FormatException($"{what} line {line}: lone surrogate U+{(int)c:X4} is not valid UTF-8");
        }
        var byteCount = Encoding.UTF8.GetByteCount(text);
        if (byteCount > MaxNoteBytes) throw new FormatException($"{what} is {byteCount} bytes, over the limit of {MaxNoteBytes}");
    }
}
