using System.Globalization;
using System.Numerics;
using System.Text;
using System.Buffers;
using System.Text.Json;

namespace LedgerCluster.Core.Json;

/// <summary>
/// Strict JSON into <see cref="JValue"/>: numbers keep their int/float kind from the literal, duplicate keys,
/// lone surrogates, NaN/Infinity, comments and trailing commas are errors with a line and column.
/// </summary>
public static class JsonParser
{
    public const int MaxDepth = 64;

    public static JValue Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    public static JValue Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read()) throw Error(ref reader, "empty input: expected a JSON value");
            var value = ReadValue(ref reader);
            if (reader.Read()) throw Error(ref reader, "unexpected data after the JSON value");
            return value;
        }
        catch (JsonException e)
        {
            throw new JsonParseException(Clean(e.Message), (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        }
        catch (SemanticError e)
        {
            var (line, column) = Locate(utf8, e.Offset);
            throw new JsonParseException(e.Message, line, column);
        }
    }

    /// <summary>Like <see cref="Parse(string)"/> but for files: the error names the file.</summary>
    public static JValue ParseFile(string path)
    {
        try { return Parse(File.ReadAllBytes(path)); }
        catch (JsonParseException e) { throw new JsonParseException($"{path}: {e.Reason}", e.Line, e.Column); }
    }

    private static JValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return JNull.Instance;
            case JsonTokenType.True: return JBool.True;
            case JsonTokenType.False: return JBool.False;
            case JsonTokenType.String: return new JString(ReadString(ref reader));
            case JsonTokenType.Number: return ReadNumber(ref reader);
            case JsonTokenType.StartArray:
                var items = new List<JValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref reader));
                return new JArray(items);
            case JsonTokenType.StartObject:
                var obj = new JObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = ReadString(ref reader);
                    if (obj.ContainsKey(key)) throw Error(ref reader, $"duplicate key \"{key}\"");
                    reader.Read();
                    obj.Add(key, ReadValue(ref reader));
                }
                return obj;
            default: throw Error(ref reader, $"unexpected token {reader.TokenType}");
        }
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            var text = reader.GetString()!;
            // Unescaped bytes were decoded as strict UTF-8, which cannot yield a lone surrogate; only \u escapes can.
            if (!reader.ValueIsEscaped) return text;
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(text[i])) throw Error(ref reader, "string contains a lone surrogate");
            }
            return text;
        }
        catch (InvalidOperationException)
        {
            throw Error(ref reader, "string is not valid UTF-8/UTF-16 (lone surrogate escape?)");
        }
    }

    private static JValue ReadNumber(ref Utf8JsonReader reader)
    {
        // Most numbers are small ints: read those straight from the bytes, without a string.
        if (!reader.HasValueSequence && reader.ValueSpan.Length <= 18 && reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0
            && System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out long small, out var consumed) && consumed == reader.ValueSpan.Length)
            return new JInteger(small);
        var raw = Encoding.ASCII.GetString(reader.HasValueSequence ? BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
            return new JInteger(BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw Error(ref reader, $"number {raw} is out of range for a float");
        return new JFloat(value);
    }

    private static SemanticError Error(ref Utf8JsonReader reader, string message) => new(message, reader.TokenStartIndex);

    // Utf8JsonReader does not expose its line counter, so errors found after reading carry a byte offset.
    private static (long Line, long Column) Locate(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Min(offset, utf8.Length)];
        var line = before.Count((byte)'\n') + 1;
        var column = before.Length - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return (line, column);
    }

    private sealed class SemanticError(string message, long offset) : Exception(message)
    {
        public long Offset { get; } = offset;
    }

    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
