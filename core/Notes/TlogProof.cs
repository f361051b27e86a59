using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Notes;

/// <summary>
/// An offline proof file (c2sp.org/tlog-proof@v1, <c>.tlog-proof</c>): optional opaque extra data, the entry index,
/// the inclusion proof hashes and the signed checkpoint. This type only carries the parts; checking the inclusion
/// proof and the checkpoint's signatures is the caller's job. Equality is by the exact file text.
/// </summary>
public sealed record TlogProof
{
    public const string Header = "c2sp.org/tlog-proof@v1";

    public const int HashSize = 32;

    /// <summary>A tree of at most 2^64 leaves has inclusion proofs of at most 64 hashes.</summary>
    public const int MaxHashes = 64;

    /// <summary>Bound on the extra data (decoded).</summary>
    public const int MaxExtraBytes = 64 * 1024;

    public const int MaxProofBytes = SignedNote.MaxNoteBytes + 128 * 1024;

    private const string ExtraPrefix = "extra ";
    private const string IndexPrefix = "index ";

    private readonly byte[]? _extra;
    private readonly byte[][] _hashes;

    public TlogProof(ulong index, IEnumerable<byte[]> hashes, SignedNote checkpoint, byte[]? extra = null)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var list = hashes.Select(h => h?.ToArray() ?? throw new ArgumentException("null proof hash", nameof(hashes))).ToArray();
        if (list.Length > MaxHashes) throw new ArgumentException($"at most {MaxHashes} proof hashes", nameof(hashes));
        if (list.Any(h => h.Length != HashSize)) throw new ArgumentException($"proof hashes must be {HashSize} bytes", nameof(hashes));
        if (extra is { Length: > MaxExtraBytes }) throw new ArgumentException($"extra data is over {MaxExtraBytes} bytes", nameof(extra));
        Index = index;
        _hashes = list;
        Checkpoint = checkpoint;
        _extra = extra?.ToArray();
    }

    /// <summary>Opaque, unauthenticated application data; null when the line is absent. A copy.</summary>
    public byte[]? Extra => _extra?.ToArray();

    /// <summary>Zero-based index of the entry in the log.</summary>
    public ulong Index { get; }

    /// <summary>Inclusion proof, leaf's sibling first, each 32 bytes. Copies.</summary>
    public IReadOnlyList<byte[]> Hashes => _hashes.Select(h => h.ToArray()).ToList();

    /// <summary>The log's signed checkpoint, with any cosignatures, verbatim.</summary>
    public SignedNote Checkpoint { get; }

    /// <summary>The checkpoint body (origin, size, root); <see cref="Parse"/> guarantees it is well formed.</summary>
    public Checkpoint CheckpointBody => Notes.Checkpoint.Parse(Checkpoint.Text);

    public string Format()
    {
        var builder = new StringBuilder(Header).Append('\n');
        if (_extra is not null) builder.Append(ExtraPrefix).Append(Convert.ToBase64String(_extra)).Append('\n');
        builder.Append(IndexPrefix).Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in _hashes) builder.Append(Convert.ToBase64String(hash)).Append('\n');
        return builder.Append('\n').Append(Checkpoint.Format()).ToString();
    }

    public override string ToString() => Format();

    public static TlogProof Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxProofBytes) throw new FormatException($"proof is {utf8.Length} bytes, over the limit of {MaxProofBytes}");
        return Parse(NoteEncoding.FromUtf8(utf8, "proof"));
    }

    /// <summary>Strict parse: the result formats back to exactly <paramref name="text"/>.</summary>
    public static TlogProof Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxProofBytes) throw new FormatException($"proof is over the limit of {MaxProofBytes} bytes");
        var position = 0;
        var lineNumber = 0;
        string NextLine()
        {
            lineNumber++;
            var end = text.IndexOf('\n', position);
            if (end < 0) throw new FormatException($"proof line {lineNumber}: missing (or not newline-terminated)");
            var line = text[position..end];
            position = end + 1;
            return line;
        }
        FormatException Error(string problem) => new($"proof line {lineNumber}: {problem}");

        if (NextLine() != Header) throw Error($"first line must be '{Header}'");
        var line = NextLine();
        byte[]? extra = null;
        if (line.StartsWith(ExtraPrefix, StringComparison.Ordinal))
        {
            if (!NoteEncoding.TryDecodeBase64(line[ExtraPrefix.Length..], out var extraBytes)) throw Error("extra data is not canonical base64");
            if (extraBytes.Length > MaxExtraBytes) throw Error($"extra data is over {MaxExtraBytes} bytes");
            extra = extraBytes;
            line = NextLine();
        }
        if (!line.StartsWith(IndexPrefix, StringComparison.Ordinal)) throw Error("expected 'index <n>'");
        if (!NoteEncoding.TryParseDecimal(line[IndexPrefix.Length..], out var index))
            throw Error("index must be a decimal u64 without sign or leading zeros");
        var hashes = new List<byte[]>();
        while ((line = NextLine()).Length > 0)
        {
            if (hashes.Count == MaxHashes) throw Error($"more than {MaxHashes} proof hashes");
            if (!NoteEncoding.TryDecodeBase64(line, out var hash) || hash.Length != HashSize)
                throw Error($"proof hash must be canonical base64 of {HashSize} bytes");
            hashes.Add(hash);
        }
        var firstNoteLine = lineNumber + 1;
        SignedNote checkpoint;
        try
        {
            checkpoint = SignedNote.Parse(text[position..]);
            Notes.Checkpoint.Parse(checkpoint.Text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"proof checkpoint (from line {firstNoteLine}): {e.Message}");
        }
        return new TlogProof(index, hashes, checkpoint, extra);
    }

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TlogProof? proof, out string error)
    {
        proof = null;
        error = "";
        if (text is null) { error = "proof is missing"; return false; }
        try { proof = Parse(text); return true; }
        catch (FormatException e) { error = e.Message; return false; }
    }

    public bool Equals(TlogProof? other) =>
        other is not null && string.Equals(Format(), other.Format(), StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Index, _hashes.Length, Checkpoint.Text);
}
