using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Scoring;

/// <summary>
/// Rewrites a Python <c>re</c> pattern into the equivalent .NET pattern, or returns null when Python would reject it
/// (so the task fails exactly where verievals fails it). Covers the syntax that differs: <c>(?P&lt;name&gt;)</c>,
/// <c>(?P=name)</c>, <c>\Z</c>, <c>{,n}</c>, <c>\U</c>, literal escapes of non-ASCII-alphanumerics, bad escapes, flags that
/// do not exist in Python, and .NET-only groups. Known gaps: <c>\N{...}</c> and the ASCII flag are treated as invalid,
/// possessive quantifiers are not rewritten, and <c>.</c> matches one UTF-16 unit rather than one code point.
/// </summary>
internal static class PythonRegex
{
    private const string EscapesOutsideClass = "abfnrtvxuUNABdDsSwWZ";
    private const string EscapesInsideClass = "abfnrtvxuUNdDsSwW";

    public static string? Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        var classStart = -1;
        var onlyFlagsSoFar = true;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (++i >= pattern.Length) return null; // trailing backslash
                if (!AppendEscape(sb, pattern, ref i, inClass)) return null;
                onlyFlagsSoFar = false;
                continue;
            }
            if (inClass)
            {
                if (c == ']' && i > classStart) inClass = false;
                sb.Append(c == '[' ? "\\[" : c.ToString()); // a literal '[' keeps .NET from reading "-[...]" as class subtraction
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') sb.Append(pattern[++i]);
                    classStart = i + 1; // a ']' right after '[' or '[^' is literal in both dialects
                    onlyFlagsSoFar = false;
                    break;
                case '(' when i + 1 < pattern.Length && pattern[i + 1] == '?':
                    if (!AppendGroupOpen(sb, pattern, ref i, ref onlyFlagsSoFar)) return null;
                    break;
                case '{' when TryMinlessQuantifier(pattern, i, out var max, out var end):
                    sb.Append("{0,").Append(max).Append('}');
                    i = end;
                    onlyFlagsSoFar = false;
                    break;
                default:
                    sb.Append(c);
                    onlyFlagsSoFar = false;
                    break;
            }
        }
        return inClass ? null : sb.ToString();
    }

    private static bool AppendEscape(StringBuilder sb, string pattern, ref int i, bool inClass)
    {
        var c = pattern[i];
        if (c is >= '0' and <= '9')
        {
            sb.Append('\\').Append(c); // octal escapes and back-references mean the same in both
            return true;
        }
        if (!char.IsAsciiLetter(c))
        {
            // Python: any escaped non-ASCII-alphanumeric is that character. .NET rejects escaped word characters like \_ or \é.
            if (IsWordChar(c)) sb.Append(c);
            else sb.Append('\\').Append(c);
            return true;
        }
        if ((inClass ? EscapesInsideClass : EscapesOutsideClass).IndexOf(c) < 0) return false; // Python: "bad escape"
        switch (c)
        {
            case 'Z': sb.Append("\\z"); return true; // Python \Z is the very end; .NET \Z also allows a final newline
            case 'N': return false; // \N{NAME} needs the Unicode name database
            case 'U':
                if (i + 8 >= pattern.Length) return false;
                if (!int.TryParse(pattern.AsSpan(i + 1, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp)
                    || cp > 0x10FFFF) return false;
                i += 8;
                if (cp > 0xFFFF && inClass) return false; // a surrogate pair cannot be one class member in .NET
                foreach (var unit in char.ConvertFromUtf32(cp)) sb.Append("\\u").Append(((int)unit).ToString("x4", CultureInfo.InvariantCulture));
                return true;
            default:
                sb.Append('\\').Append(c);
                return true;
        }
    }

    private static bool AppendGroupOpen(StringBuilder sb, string pattern, ref int i, ref bool onlyFlagsSoFar)
    {
        var rest = pattern.AsSpan(i + 2);
        if (rest.StartsWith("P<"))
        {
            sb.Append("(?<");
            i += 3;
            onlyFlagsSoFar = false;
            return true;
        }
        if (rest.StartsWith("P="))
        {
            var close = pattern.IndexOf(')', i);
            if (close < 0) return false;
            sb.Append("\\k<").Append(pattern, i + 4, close - (i + 4)).Append('>');
            i = close;
            onlyFlagsSoFar = false;
            return true;
        }
        if (rest.IsEmpty) return false;
        var kind = rest[0];
        if (kind == '<' && !(rest.Length > 1 && rest[1] is '=' or '!')) return false; // .NET named group, not Python
        if (kind is 'P' or '\'' or '&' or 'R') return false;
        if (kind == '#')
        {
            var close = pattern.IndexOf(')', i);
            if (close < 0) return false;
            sb.Append(pattern, i, close - i + 1); // copied whole, so brackets inside a comment are not parsed
            i = close;
            return true;
        }
        if (kind is ':' or '=' or '!' or '<' or '>' or '(')
        {
            sb.Append("(?");
            i += 1;
            onlyFlagsSoFar = false;
            return true;
        }
        return AppendFlags(sb, pattern, ref i, ref onlyFlagsSoFar);
    }

    /// <summary>Inline flags: Python knows a i L m s u x; <c>(?flags)</c> without ':' must lead the pattern.</summary>
    private static bool AppendFlags(StringBuilder sb, string pattern, ref int i, ref bool onlyFlagsSoFar)
    {
        var j = i + 2;
        var flags = new StringBuilder();
        var any = false;
        while (j < pattern.Length && pattern[j] is not (':' or ')'))
        {
            var f = pattern[j++];
            any = true;
            if (f is 'i' or 'm' or 's' or 'x' or '-') flags.Append(f);
            else if (f != 'u') return false; // 'a' and 'L' change semantics .NET cannot mirror; anything else is invalid
        }
        if (j >= pattern.Length || !any) return false;
        var scoped = pattern[j] == ':';
        if (!scoped && !onlyFlagsSoFar) return false; // Python 3.11: "global flags not at the start of the expression"
        if (!scoped && flags.ToString().Contains('-')) return false;
        if (!scoped)
        {
            i = j;
            if (flags.Length > 0) sb.Append("(?").Append(flags).Append(')');
            return true;
        }
        sb.Append("(?").Append(flags).Append(':');
        i = j;
        onlyFlagsSoFar = false;
        return true;
    }

    private static bool TryMinlessQuantifier(string pattern, int i, out string max, out int end)
    {
        max = "";
        end = i;
        if (i + 1 >= pattern.Length || pattern[i + 1] != ',') return false;
        var j = i + 2;
        while (j < pattern.Length && char.IsAsciiDigit(pattern[j])) j++;
        if (j == i + 2 || j >= pattern.Length || pattern[j] != '}') return false;
        max = pattern[(i + 2)..j];
        end = j;
        return true;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '\u200c' or '\u200d' || char.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
        or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}
