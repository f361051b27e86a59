using System.Globalization;
using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>
/// Formats a value like Python's <c>json.dumps(value, ensure_ascii=False)</c>: keys in insertion order, ", " and ": "
/// separators, floats as <c>repr</c>. This is how verievals writes <c>tasks.jsonl</c>, so our files match byte for byte.
/// </summary>
internal static class PythonJsonLine
{
    public static string Format(JValue value)
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
                for (var i = 0; i < o.Members.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(CanonicalJson.Serialize(new JString(o.Members[i].Key))).Append(": ");
                    Write(sb, o.Members[i].Value);
                }
                sb.Append('}');
                break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JInteger n:
                sb.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                // Strings, floats, booleans and null: json.dumps escapes and repr-formats exactly like the canonical form.
                sb.Append(CanonicalJson.Serialize(value));
                break;
        }
    }
}
