using System.Globalization;
using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export.Eee;

/// <summary>
/// Python's <c>json.dumps(value, sort_keys=True, separators=(",", ":"))</c> for strings, string lists and objects of them,
/// with the default <c>ensure_ascii=True</c> (non-ASCII as <c>\uXXXX</c>, astral characters as surrogate pairs):
/// the payload of EEE's documented <c>sample_hash</c> recipe (FORMATS-NOTES 4c). Canonical JSON writes non-ASCII
/// literally, so it cannot be reused here.
/// </summary>
public static class PythonAsciiJson
{
    public static string Serialize(JValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JValue value)
    {
        switch (value)
        {
            case JObject o:
                sb.Append('{');
                // sort_keys compares str keys by code point.
                var first = true;
                foreach (var member in o.Members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, member.Key);
                    sb.Append(':');
                    Write(sb, member.Value);
                }
                sb.Append('}');
                break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JString s:
                WriteString(sb, s.Value);
                break;
            default:
                sb.Append(CanonicalJson.Serialize(value));
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    // UTF-16 code units are what Python escapes too (a surrogate pair for characters above U+FFFF).
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
