using System.Buffers.Binary;

namespace LedgerCluster.Core.Notes;

/// <summary>
/// One signature line of a signed note, <c>— &lt;name&gt; base64(key id || signature)</c>, as parsed; nothing here
/// says whether it verifies.
/// </summary>
public sealed record NoteSignature
{
    /// <summary>U+2014 EM DASH and a space open every signature line.</summary>
    public const string LinePrefix = "\u2014 ";

    private readonly byte[] _signature;

    public NoteSignature(string name, uint keyId, ReadOnlySpan<byte> signature)
    {
        if (!NoteEncoding.IsValidKeyName(name)) throw new ArgumentException($"invalid note key name '{name}'", nameof(name));
        if (signature.IsEmpty) throw new ArgumentException("a note signature cannot be empty", nameof(signature));
        Name = name;
        KeyId = keyId;
        _signature = signature.ToArray();
    }

    public string Name { get; }

    public uint KeyId { get; }

    /// <summary>The signature bytes after the 4-byte key id (for cosignatures: timestamp || Ed25519 signature). A copy.</summary>
    public byte[] Signature => (byte[])_signature.Clone();

    internal ReadOnlySpan<byte> SignatureSpan => _signature;

    /// <summary>The line without its trailing newline.</summary>
    public string FormatLine()
    {
        var bytes = new byte[4 + _signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        _signature.CopyTo(bytes, 4);
        return $"{LinePrefix}{Name} {Convert.ToBase64String(bytes)}";
    }

    public override string ToString() => FormatLine();

    /// <summary>Parses one line (no trailing newline); <paramref name="lineNumber"/> only feeds the error message.</summary>
    public static NoteSignature ParseLine(string line, int lineNumber = 1)
    {
        string Where(string problem) => $"signature line {lineNumber}: {problem}";
        if (!line.StartsWith(LinePrefix, StringComparison.Ordinal))
            throw new FormatException(Where("must start with U+2014 EM DASH and a space"));
        var rest = line[LinePrefix.Length..];
        var space = rest.IndexOf(' ');
        if (space < 0) throw new FormatException(Where("must be '— <key name> <base64 signature>'"));
        var name = rest[..space];
        if (!NoteEncoding.IsValidKeyName(name))
            throw new FormatException(Where($"key name '{name}' is invalid (empty, or has spaces, '+' or control characters)"));
        if (!NoteEncoding.TryDecodeBase64(rest[(space + 1)..], out var bytes))
            throw new FormatException(Where("signature is not canonical base64"));
        if (bytes.Length < 5)
            throw new FormatException(Where($"signature is {bytes.Length} bytes; it needs a 4-byte key id and at least one signature byte"));
        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes.AsSpan(4));
    }

    public bool Equals(NoteSignature? other) =>
        other is not null && KeyId == other.KeyId && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && _signature.AsSpan().SequenceEqual(other._signature);

    public override int GetHashCode() => HashCode.Combine(Name, KeyId, _signature.Length);
}
