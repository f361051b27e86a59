using System.Globalization;
using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import.LmEval;

/// <summary>
/// Python's <c>json.dumps(value, indent=2, ensure_ascii=False)</c>: keys in the source order, "," at line ends and
/// ": " after keys, two spaces per level, non-ASCII literal, floats as <c>repr</c>. lm-eval hashes each dataset row in
/// exactly this form (<c>doc_hash</c>), so checking that hash needs these bytes, not canonical JSON.
/// </summary>
public static class PythonIndentedJson
{
    public static string Format(JValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JValue value, int depth)
    {
        switch (value)
        {
            case JObject { Count: 0 }:
                sb.Append("{}");
                break;
            case JObject o:
                sb.Append('{');
                for (var i = 0; i < o.Members.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n").Append(' ', 2 * (depth + 1));
                    sb.Append(CanonicalJson.Serialize(new JString(o.Members[i].Key))).Append(": ");
                    Write(sb, o.Members[i].Value, depth + 1);
                }
                sb.Append('\n').Append(' ', 2 * depth).Append('}');
                break;
            case JArray { Count: 0 }:
                sb.Append("[]");
                break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n").Append(' ', 2 * (depth + 1));
                    Write(sb, a[i], depth + 1);
                }
                sb.Append('\n').Append(' ', 2 * depth).Append(']');
                break;
            case JInteger n:
                sb.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case JFloat f when !double.IsFinite(f.Value):
                sb.Append(double.IsNaN(f.Value) ? "NaN" : f.Value > 0 ? "Infinity" : "-Infinity");
                break;
            default:
                // Strings, floats, booleans, null: json.dumps escapes and repr-formats them exactly like the canonical form.
                sb.Append(CanonicalJson.Serialize(value));
                break;
        }
    }
}
