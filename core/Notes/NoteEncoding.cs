using System.Buffers.Binary;
using System.Text;
using LedgerCluster.Core.Hashing;

namespace LedgerCluster.Core.Notes;

/// <summary>Small strict codecs shared by the note, checkpoint, policy and proof parsers.</summary>
internal static class NoteEncoding
{
    /// <summary>Throws on lone surrogates instead of silently writing U+FFFD, so bytes and text always agree.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Standard padded base64 in its single canonical spelling. <see cref="Convert"/> alone skips whitespace and
    /// ignores non-zero padding bits, which would let two different strings carry the same bytes.
    /// </summary>
    internal static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 != 0) return false;
        foreach (var c in text)
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' or '=')) return false;
        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written)) return false;
        var decoded = buffer.AsSpan(0, written).ToArray();
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal)) return false;
        bytes = decoded;
        return true;
    }

    /// <summary>ASCII decimal without sign, spaces or leading zeros ("0" itself is fine), fitting a u64.</summary>
    internal static bool TryParseDecimal(string text, out ulong value)
    {
        value = 0;
        if (text.Length is 0 or > 20) return false;
        if (text.Length > 1 && text[0] == '0') return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
            var digit = (ulong)(c - '0');
            if (value > (ulong.MaxValue - digit) / 10) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary>
    /// A signed-note key name: non-empty, no Unicode spaces, no '+', no control characters, valid UTF-16
    /// (so its UTF-8 bytes, which feed the key id, are well defined).
    /// </summary>
    internal static bool IsValidKeyName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '+' || char.IsWhiteSpace(c) || char.IsControl(c)) return false;
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>key id = first 4 bytes, big-endian, of SHA-256(name || 0x0A || type || public key).</summary>
    internal static uint ComputeKeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = StrictUtf8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(ContentHash.Sha256(input));
    }

    internal static string FormatKeyId(uint keyId) => keyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Eight lowercase hex digits, the only key id spelling we emit or accept.</summary>
    internal static bool TryParseKeyId(string text, out uint keyId)
    {
        keyId = 0;
        var bytes = Hex.TryDecodeLower(text, 4);
        if (bytes is null) return false;
        keyId = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return true;
    }

    /// <summary>UTF-8 bytes of hostile text, or a FormatException when it holds lone surrogates.</summary>
    internal static byte[] ToUtf8(string text, string what)
    {
        try { return StrictUtf8.GetBytes(text); }
        catch (EncoderFallbackException) { throw new FormatException($"{what} is not valid Unicode (lone surrogate)"); }
    }

    /// <summary>Text of hostile bytes, or a FormatException when they are not valid UTF-8.</summary>
    internal static string FromUtf8(ReadOnlySpan<byte> bytes, string what)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw new FormatException($"{what} is not valid UTF-8"); }
    }

    /// <summary>1-based line number of a character offset, for error messages.</summary>
    internal static int LineAt(string text, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
            if (text[i] == '\n') line++;
        return line;
    }
}
