using System.Text;

namespace LedgerCluster.Core.Text;

/// <summary>
/// Python <c>str</c> operations whose results end up hashed or scored, so they must match CPython exactly:
/// .NET's <c>Trim</c>, <c>Split</c> and <c>ToLower</c> use different character sets.
/// </summary>
public static class PythonString
{
    /// <summary>Python <c>str.isspace()</c> for one character (CPython 3.11; all are in the BMP).</summary>
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' or >= '\u001c' and <= ' ' or '\u0085' or '\u00a0' or '\u1680' => true,
        >= '\u2000' and <= '\u200a' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        _ => false,
    };

    /// <summary>Python <c>str.strip()</c> with no argument.</summary>
    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>True when <c>text.strip()</c> would be empty (Python's falsy-after-strip test).</summary>
    public static bool IsBlank(string text) => text.All(IsSpace);

    /// <summary>Python <c>str.splitlines()</c>: also breaks at \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029; \r\n is one break.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsLineBreak(text[i])) continue;
            lines.Add(text[start..i]);
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>Python <c>str.casefold()</c>: full Unicode case folding (ß → ss), not just lowercasing.</summary>
    public static string CaseFold(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var codePoint = width == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            if (CaseFolding.Map.TryGetValue(codePoint, out var folded))
            {
                sb ??= new StringBuilder(text.Length + 8).Append(text, 0, i);
                sb.Append(folded);
            }
            else sb?.Append(text, i, width);
            i += width - 1;
        }
        return sb?.ToString() ?? text;
    }

    private static bool IsLineBreak(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\u001c' or '\u001d' or '\u001e' or '\u0085' or '\u2028' or '\u2029';
}
