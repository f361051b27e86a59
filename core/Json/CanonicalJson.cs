using System.Text;
using LedgerCluster.Core.Hashing;

namespace LedgerCluster.Core.Json;

/// <summary>
/// The verievals canonical JSON (not RFC 8785): no whitespace, keys sorted by code point, non-ASCII literal,
/// Python float repr, ints and floats kept apart, NaN/infinities and lone surrogates rejected.
/// </summary>
public static class CanonicalJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Serialize(JValue value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    public static byte[] SerializeToUtf8(JValue value) => StrictUtf8.GetBytes(Serialize(value));

    /// <summary>Lowercase hex SHA-256 of the canonical bytes: the content address of <paramref name="value"/>.</summary>
    public static string Hash(JValue value) => ContentHash.Sha256Hex(SerializeToUtf8(value));

    private static void Write(StringBuilder sb, JValue value)
    {
        switch (value)
        {
            case JNull: sb.Append("null"); break;
            case JBool b: sb.Append(b.Value ? "true" : "false"); break;
            case JInteger i: sb.Append(i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case JFloat f: sb.Append(PythonFloat.Format(f.Value)); break;
            case JString s: WriteString(sb, s.Value); break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JObject o:
                sb.Append('{');
                var first = true;
                foreach (var member in o.Members.OrderBy(m => m.Key, CodePointComparer.Instance))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, member.Key);
                    sb.Append(':');
                    Write(sb, member.Value);
                }
                sb.Append('}');
                break;
            default: throw new ArgumentException($"value is not canonically encodable: {value.GetType().Name}");
        }
    }

    private static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4")); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new ArgumentException($"value is not canonically encodable: lone surrogate U+{(int)c:X4} at character {i}");
                    }
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
