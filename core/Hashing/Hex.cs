namespace LedgerCluster.Core.Hashing;

/// <summary>Lowercase hex, the only spelling the wire formats accept.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>True when <paramref name="text"/> is exactly <paramref name="byteLength"/> bytes of lowercase hex.</summary>
    public static bool IsLowerHex(string? text, int byteLength) =>
        text is not null && text.Length == byteLength * 2 && !text.AsSpan().ContainsAnyExcept(LowerHexDigits);

    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Decodes lowercase hex of a fixed length; null when it is anything else.</summary>
    public static byte[]? TryDecodeLower(string? text, int byteLength) =>
        IsLowerHex(text, byteLength) ? Convert.FromHexString(text!) : null;

    /// <summary>Decodes lowercase hex of a fixed length or throws a <see cref="FormatException"/> naming <paramref name="what"/>.</summary>
    public static byte[] DecodeLower(string? text, int byteLength, string what) =>
        TryDecodeLower(text, byteLength)
        ?? throw new FormatException($"{what} must be {byteLength * 2} lowercase hex characters");
}
