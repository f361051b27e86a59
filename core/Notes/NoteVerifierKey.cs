using System.Buffers.Binary;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.Core.Notes;

/// <summary>
/// A signed-note verifier key ("vkey"): <c>&lt;name&gt;+&lt;hex key id&gt;+&lt;base64(type || public key)&gt;</c>.
/// Equality is by name, type and public key (the key id follows from those).
/// </summary>
public sealed class NoteVerifierKey : IEquatable<NoteVerifierKey>
{
    /// <summary>Generous bound on a vkey's text; real ones are under 200 characters.</summary>
    public const int MaxTextLength = 1024;

    private readonly byte[] _publicKey;

    private NoteVerifierKey(string name, NoteKeyType type, byte[] publicKey)
    {
        Name = name;
        Type = type;
        _publicKey = publicKey;
        KeyId = NoteEncoding.ComputeKeyId(name, (byte)type, publicKey);
    }

    public string Name { get; }

    public NoteKeyType Type { get; }

    /// <summary>First 4 bytes of SHA-256(name || 0x0A || type || public key), big-endian.</summary>
    public uint KeyId { get; }

    /// <summary>The raw 32-byte Ed25519 public key (a copy).</summary>
    public byte[] PublicKey => (byte[])_publicKey.Clone();

    internal ReadOnlySpan<byte> PublicKeySpan => _publicKey;

    /// <summary>Builds a key from trusted values; throws <see cref="ArgumentException"/> on a bad name or key length.</summary>
    public static NoteVerifierKey Create(string name, NoteKeyType type, ReadOnlySpan<byte> publicKey)
    {
        if (!NoteEncoding.IsValidKeyName(name))
            throw new ArgumentException($"invalid note key name '{name}': it must be non-empty without spaces, '+' or control characters", nameof(name));
        if (!Enum.IsDefined(type)) throw new ArgumentException($"unsupported note key type 0x{(byte)type:x2}", nameof(type));
        if (publicKey.Length != Ed25519.PublicKeySize)
            throw new ArgumentException($"an Ed25519 public key is {Ed25519.PublicKeySize} bytes, got {publicKey.Length}", nameof(publicKey));
        return new NoteVerifierKey(name, type, publicKey.ToArray());
    }

    /// <summary>Parses a vkey; rejects bad names, hex, base64, unknown types, wrong lengths and a key id that does not match.</summary>
    public static NoteVerifierKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new FormatException(error);

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NoteVerifierKey? key) =>
        TryParse(text, out key, out _);

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NoteVerifierKey? key, out string error)
    {
        key = null;
        if (text is null) { error = "verifier key is missing"; return false; }
        if (text.Length > MaxTextLength) { error = $"verifier key is {text.Length} characters, over the limit of {MaxTextLength}"; return false; }
        // The name cannot hold '+', but base64 can, so only the first two '+' separate fields.
        var first = text.IndexOf('+');
        var second = first < 0 ? -1 : text.IndexOf('+', first + 1);
        if (second < 0) { error = "verifier key must have the form <name>+<hex key id>+<base64 key>"; return false; }
        var name = text[..first];
        var idText = text[(first + 1)..second];
        var keyText = text[(second + 1)..];
        if (!NoteEncoding.IsValidKeyName(name)) { error = $"verifier key name '{name}' is invalid (empty, or has spaces, '+' or control characters)"; return false; }
        if (!NoteEncoding.TryParseKeyId(idText, out var keyId)) { error = $"verifier key id '{idText}' must be 8 lowercase hex digits"; return false; }
        if (!NoteEncoding.TryDecodeBase64(keyText, out var raw)) { error = "verifier key material is not canonical base64"; return false; }
        if (raw.Length == 0) { error = "verifier key material is empty"; return false; }
        var type = raw[0];
        if (!Enum.IsDefined((NoteKeyType)type)) { error = $"verifier key type 0x{type:x2} is not supported (want 0x01 Ed25519 or 0x04 cosignature/v1)"; return false; }
        if (raw.Length != 1 + Ed25519.PublicKeySize) { error = $"verifier key holds {raw.Length - 1} key bytes, an Ed25519 key is {Ed25519.PublicKeySize}"; return false; }
        var candidate = new NoteVerifierKey(name, (NoteKeyType)type, raw[1..]);
        if (candidate.KeyId != keyId)
        {
            error = $"verifier key id {idText} does not match the key (expected {NoteEncoding.FormatKeyId(candidate.KeyId)})";
            return false;
        }
        key = candidate;
        error = "";
        return true;
    }

    /// <summary>The vkey text.</summary>
    public override string ToString()
    {
        var raw = new byte[1 + _publicKey.Length];
        raw[0] = (byte)Type;
        _publicKey.CopyTo(raw, 1);
        return $"{Name}+{NoteEncoding.FormatKeyId(KeyId)}+{Convert.ToBase64String(raw)}";
    }

    /// <summary>
    /// Checks one signature (the bytes after the key id) over the note text; for a cosignature key also yields the
    /// timestamp. Never throws.
    /// </summary>
    internal bool TryVerify(ReadOnlySpan<byte> noteText, ReadOnlySpan<byte> signature, out ulong? timestamp)
    {
        timestamp = null;
        switch (Type)
        {
            case NoteKeyType.Ed25519:
                return Ed25519.Verify(_publicKey, noteText, signature);
            case NoteKeyType.CosignatureV1:
                if (signature.Length != CosignatureV1.SignatureSize) return false;
                var time = BinaryPrimitives.ReadUInt64BigEndian(signature);
                if (time > CosignatureV1.MaxTimestamp) return false;
                if (!Ed25519.Verify(_publicKey, CosignatureV1.SignedMessage(noteText, time), signature[8..])) return false;
                timestamp = time;
                return true;
            default:
                return false;
        }
    }

    public bool Equals(NoteVerifierKey? other) =>
        other is not null && Type == other.Type && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && _publicKey.AsSpan().SequenceEqual(other._publicKey);

    public override bool Equals(object? obj) => Equals(obj as NoteVerifierKey);

    public override int GetHashCode() => HashCode.Combine(Name, Type, KeyId);
}
