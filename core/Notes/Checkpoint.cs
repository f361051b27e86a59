using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Notes;

/// <summary>
/// A c2sp.org/tlog-checkpoint note body: origin, tree size, base64 root hash, then optional opaque extension lines.
/// Equality is by the exact note text.
/// </summary>
public sealed record Checkpoint
{
    public const int RootHashSize = 32;

    private readonly byte[] _rootHash;

    public Checkpoint(string origin, ulong size, ReadOnlySpan<byte> rootHash, IEnumerable<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.Length == 0) throw new ArgumentException("checkpoint origin must be non-empty", nameof(origin));
        if (rootHash.Length != RootHashSize) throw new ArgumentException($"root hash must be {RootHashSize} bytes, got {rootHash.Length}", nameof(rootHash));
        var extensionList = (extensions ?? []).ToList();
        if (extensionList.Any(string.IsNullOrEmpty)) throw new ArgumentException("checkpoint extension lines must be non-empty", nameof(extensions));
        if (extensionList.Any(e => e.Contains('\n')) || origin.Contains('\n'))
            throw new ArgumentException("checkpoint lines cannot contain newlines");
        Origin = origin;
        Size = size;
        _rootHash = rootHash.ToArray();
        Extensions = extensionList.AsReadOnly();
        try { SignedNote.ValidateText(ToNoteText()); }
        catch (FormatException e) { throw new ArgumentException($"checkpoint is not a valid note text: {e.Message}"); }
    }

    /// <summary>The log identity; by our convention also the log key's name.</summary>
    public string Origin { get; }

    public ulong Size { get; }

    /// <summary>RFC 6962 root hash, 32 bytes (a copy).</summary>
    public byte[] RootHash => (byte[])_rootHash.Clone();

    public IReadOnlyList<string> Extensions { get; }

    /// <summary><c>&lt;origin&gt;\n&lt;size&gt;\n&lt;base64 root&gt;\n</c> plus one line per extension.</summary>
    public string ToNoteText()
    {
        var builder = new StringBuilder();
        builder.Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(_rootHash)).Append('\n');
        foreach (var extension in Extensions) builder.Append(extension).Append('\n');
        return builder.ToString();
    }

    public override string ToString() => ToNoteText();

    /// <summary>Strict parse of a checkpoint note text (not the signatures).</summary>
    public static Checkpoint Parse(string noteText)
    {
        ArgumentNullException.ThrowIfNull(noteText);
        SignedNote.CheckCharacters(noteText, "checkpoint");
        if (noteText.Length == 0 || noteText[^1] != '\n') throw new FormatException("checkpoint must end with a newline");
        var lines = noteText[..^1].Split('\n');
        if (lines.Length < 3) throw new FormatException($"checkpoint has {lines.Length} lines; it needs origin, size and root hash");
        if (lines[0].Length == 0) throw new FormatException("checkpoint line 1: origin is empty");
        if (!NoteEncoding.TryParseDecimal(lines[1], out var size))
            throw new FormatException("checkpoint line 2: tree size must be a decimal u64 without sign or leading zeros");
        if (!NoteEncoding.TryDecodeBase64(lines[2], out var root) || root.Length != RootHashSize)
            throw new FormatException($"checkpoint line 3: root hash must be canonical base64 of {RootHashSize} bytes");
        for (var i = 3; i < lines.Length; i++)
            if (lines[i].Length == 0) throw new FormatException($"checkpoint line {i + 1}: extension lines must be non-empty");
        return new Checkpoint(lines[0], size, root, lines[3..]);
    }

    public static bool TryParse(string? noteText, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Checkpoint? checkpoint, out string error)
    {
        checkpoint = null;
        error = "";
        if (noteText is null) { error = "checkpoint is missing"; return false; }
        try { checkpoint = Parse(noteText); return true; }
        catch (FormatException e) { error = e.Message; return false; }
    }

    /// <summary>The checkpoint carried by a signed note (signatures not checked here).</summary>
    public static Checkpoint FromNote(SignedNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Parse(note.Text);
    }

    public bool Equals(Checkpoint? other) =>
        other is not null && string.Equals(ToNoteText(), other.ToNoteText(), StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Origin, Size);
}
