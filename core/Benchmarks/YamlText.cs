using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>Writes YAML scalars that PyYAML and YamlDotNet both read back as the same string.</summary>
internal static partial class YamlText
{
    /// <summary>Plain when that is unambiguous (e.g. <c>gsm8k-full</c>), otherwise double-quoted.</summary>
    public static string Scalar(string value) =>
        SafePlain().IsMatch(value) && PyYamlScalar.Resolve(value) == PyYamlScalar.Str ? value : DoubleQuoted(value);

    /// <summary>A double-quoted scalar; line breaks and everything outside YAML's printable set are escaped.</summary>
    public static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (IsPrintable(c)) sb.Append(rune.ToString());
                    else if (c <= 0xFF) sb.Append("\\x").Append(c.ToString("X2", CultureInfo.InvariantCulture));
                    else if (c <= 0xFFFF) sb.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append("\\U").Append(c.ToString("X8", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    // YAML 1.1 printable characters minus the line breaks (\x85, U+2028, U+2029) that quoted scalars would fold.
    private static bool IsPrintable(int c) =>
        c is >= 0x20 and <= 0x7E or >= 0xA0 and <= 0xD7FF or >= 0xE000 and <= 0xFFFD or >= 0x10000 and <= 0x10FFFF
        && c is not (0x2028 or 0x2029);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*\z")]
    private static partial Regex SafePlain();
}
