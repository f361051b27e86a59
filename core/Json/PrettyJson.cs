using System.Text;

namespace LedgerCluster.Core.Json;

/// <summary>Human-readable JSON with sorted keys and 2-space indent; scalars are written canonically.</summary>
public static class PrettyJson
{
    public static string Serialize(JValue value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JValue value, int depth)
    {
        switch (value)
        {
            case JObject { Count: > 0 } o:
                sb.Append("{\n");
                var members = o.Members.OrderBy(m => m.Key, CodePointComparer.Instance).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    Indent(sb, depth + 1).Append(CanonicalJson.Serialize(new JString(members[i].Key))).Append(": ");
                    Write(sb, members[i].Value, depth + 1);
                    sb.Append(i + 1 < members.Count ? ",\n" : "\n");
                }
                Indent(sb, depth).Append('}');
                break;
            case JArray { Count: > 0 } a:
                sb.Append("[\n");
                for (var i = 0; i < a.Count; i++)
                {
                    Indent(sb, depth + 1);
                    Write(sb, a[i], depth + 1);
                    sb.Append(i + 1 < a.Count ? ",\n" : "\n");
                }
                Indent(sb, depth).Append(']');
                break;
            default:
                sb.Append(CanonicalJson.Serialize(value));
                break;
        }
    }

    private static StringBuilder Indent(StringBuilder sb, int depth) => sb.Append(' ', depth * 2);
}
