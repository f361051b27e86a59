using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Hashing;

namespace LedgerCluster.Core.Json;

/// <summary>
/// The verievals canonical JSON (not RFC 8785): no whitespace, keys sorted by code point, non-ASCII literal,
/// Python float repr, ints and floats kept apart, NaN/infinities and lone surrogates rejected.
/// </summary>
/// <remarks>
/// Written straight to UTF-8 in a pooled buffer: hashing a record (every submission's integrity check) then costs
/// no intermediate string, and members already in canonical order (as canonical input is) are not re-sorted.
/// </remarks>
public static class CanonicalJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Characters a string cannot copy as they are: quote, backslash, controls, and surrogates (checked in pairs).
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "\"\\" + new string(Enumerable.Range(0, 0x20).Select(c => (char)c).ToArray()) +
        new string(Enumerable.Range(0xD800, 0x800).Select(c => (char)c).ToArray()));

    public static string Serialize(JValue value)
    {
        var writer = new Utf8Buffer();
        try
        {
            Write(ref writer, value);
            return StrictUtf8.GetString(writer.Written);
        }
        finally { writer.Dispose(); }
    }

    public static byte[] SerializeToUtf8(JValue value)
    {
        var writer = new Utf8Buffer();
        try
        {
            Write(ref writer, value);
            return writer.Written.ToArray();
        }
        finally { writer.Dispose(); }
    }

    /// <summary>Lowercase hex SHA-256 of the canonical bytes: the content address of <paramref name="value"/>.</summary>
    /// <remarks>
    /// The bytes stream through the hash in a fixed buffer, never whole: a record of tens of MB (a large benchmark with
    /// chain-of-thought outputs) would otherwise need its canonical form held once more, grown by doubling.
    /// </remarks>
    public static string Hash(JValue value)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new Utf8Buffer(sha);
        try
        {
            Write(ref writer, value);
            writer.FlushToSink();
            Span<byte> digest = stackalloc byte[32];
            sha.GetHashAndReset(digest);
            return Hex.Encode(digest);
        }
        finally { writer.Dispose(); }
    }

    private static void Write(ref Utf8Buffer w, JValue value)
    {
        switch (value)
        {
            case JNull: w.Append("null"u8); break;
            case JBool b: w.Append(b.Value ? "true"u8 : "false"u8); break;
            case JInteger i: WriteInteger(ref w, i.Value); break;
            case JFloat f: w.AppendAscii(PythonFloat.Format(f.Value)); break;
            case JString s: WriteString(ref w, s.Value); break;
            case JArray a:
                w.Append((byte)'[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) w.Append((byte)',');
                    Write(ref w, a[i]);
                }
                w.Append((byte)']');
                break;
            case JObject o:
                w.Append((byte)'{');
                var members = o.Members;
                if (InOrder(members))
                {
                    for (var i = 0; i < members.Count; i++) WriteMember(ref w, members[i], i == 0);
                }
                else
                {
                    var sorted = members.ToArray();
                    // Keys are unique, so an unstable sort orders them exactly as a stable one would.
                    Array.Sort(sorted, (x, y) => CodePointComparer.Instance.Compare(x.Key, y.Key));
                    for (var i = 0; i < sorted.Length; i++) WriteMember(ref w, sorted[i], i == 0);
                }
                w.Append((byte)'}');
                break;
            default: throw new ArgumentException($"value is not canonically encodable: {value.GetType().Name}");
        }
    }

    private static bool InOrder(IReadOnlyList<KeyValuePair<string, JValue>> members)
    {
        for (var i = 1; i < members.Count; i++)
            if (CodePointComparer.Instance.Compare(members[i - 1].Key, members[i].Key) > 0) return false;
        return true;
    }

    private static void WriteMember(ref Utf8Buffer w, KeyValuePair<string, JValue> member, bool first)
    {
        if (!first) w.Append((byte)',');
        WriteString(ref w, member.Key);
        w.Append((byte)':');
        Write(ref w, member.Value);
    }

    private static void WriteInteger(ref Utf8Buffer w, BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            var span = w.Reserve(20);
            ((long)value).TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            w.Advance(written);
        }
        else w.AppendAscii(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteString(ref Utf8Buffer w, string text)
    {
        w.Append((byte)'"');
        var i = 0;
        while (i < text.Length)
        {
            // Copy the run up to the next character that needs care, as UTF-8.
            var run = text.AsSpan(i).IndexOfAny(Special);
            var end = run < 0 ? text.Length : i + run;
            // A long run goes in pieces, so a hashing buffer never has to grow for one string (a run holds no
            // surrogates, they are special, so a piece never splits a pair).
            if (end - i > MaxRun) end = i + MaxRun;
            if (end > i)
            {
                var chunk = text.AsSpan(i, end - i);
                w.Advance(Encoding.UTF8.GetBytes(chunk, w.Reserve(Encoding.UTF8.GetMaxByteCount(chunk.Length))));
                i = end;
                if (i == text.Length) break;
                if (!Special.Contains(text[i])) continue;
            }
            var c = text[i];
            switch (c)
            {
                case '"': w.Append("\\\""u8); break;
                case '\\': w.Append("\\\\"u8); break;
                case '\n': w.Append("\\n"u8); break;
                case '\r': w.Append("\\r"u8); break;
                case '\t': w.Append("\\t"u8); break;
                case '\b': w.Append("\\b"u8); break;
                case '\f': w.Append("\\f"u8); break;
                case < ' ': w.AppendAscii("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        w.Advance(Encoding.UTF8.GetBytes(text.AsSpan(i, 2), w.Reserve(4)));
                        i++;
                    }
                    else throw new ArgumentException($"value is not canonically encodable: lone surrogate U+{(int)c:X4} at character {i}");
                    break;
            }
            i++;
        }
        w.Append((byte)'"');
    }

    // Characters of one string encoded at a time: at most 3 x 8192 bytes of UTF-8.
    private const int MaxRun = 8192;

    /// <summary>
    /// A growable UTF-8 buffer rented from the shared pool; with a sink, a fixed one whose bytes go to the hash each time
    /// it fills.
    /// </summary>
    private struct Utf8Buffer : IDisposable
    {
        private const int SinkBufferBytes = 64 * 1024;
        private readonly IncrementalHash? _sink;
        private byte[] _buffer;
        private int _length;

        public Utf8Buffer() => _buffer = ArrayPool<byte>.Shared.Rent(4096);

        public Utf8Buffer(IncrementalHash sink)
        {
            _sink = sink;
            _buffer = ArrayPool<byte>.Shared.Rent(SinkBufferBytes);
        }

        public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        /// <summary>Hands the bytes written so far to the sink and starts the buffer afresh.</summary>
        public void FlushToSink()
        {
            _sink!.AppendData(_buffer, 0, _length);
            _length = 0;
        }

        public Span<byte> Reserve(int count)
        {
            if (_sink is not null && _buffer.Length - _length < count) FlushToSink();
            if (_buffer.Length - _length < count)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            return _buffer.AsSpan(_length);
        }

        public void Advance(int count) => _length += count;

        public void Append(byte b)
        {
            Reserve(1)[0] = b;
            _length++;
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Reserve(bytes.Length));
            _length += bytes.Length;
        }

        public void AppendAscii(string ascii) => _length += Encoding.ASCII.GetBytes(ascii, Reserve(ascii.Length));

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
