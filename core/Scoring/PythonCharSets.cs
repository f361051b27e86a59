using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Scoring;

/// <summary>
/// .NET pattern text for Python <c>re</c>'s character sets on str patterns, matching one code point (a surrogate pair
/// is one character to Python, two to .NET). Python's <c>\s</c> is <c>str.isspace()</c> (it includes U+001C..U+001F,
/// which .NET's <c>\s</c> does not); <c>\w</c> is letters and numbers of every kind plus '_' (<c>str.isalnum()</c>: it
/// includes '²' and Roman numerals, and excludes combining marks, which .NET's <c>\w</c> includes); <c>\d</c> is category
/// Nd. Categories come from .NET's Unicode tables, so a character assigned in a newer Unicode version than the
/// Python's may still differ.
/// </summary>
internal static class PythonCharSets
{
    /// <summary>One code point: a surrogate pair or a single UTF-16 unit that is not half of one.</summary>
    public const string AnyCodePoint = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDFFF])";

    /// <summary>Python's <c>.</c>: a whole surrogate pair, or .NET's own <c>.</c> (so inline s flags keep working) on a non-surrogate.</summary>
    public const string Dot = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|(?![\uD800-\uDFFF]).)";

    /// <summary>Keeps a match from starting between the two halves of a surrogate pair, where Python has no position.</summary>
    public const string CodePointBoundary = @"(?!(?<=[\uD800-\uDBFF])[\uDC00-\uDFFF])";

    // str.isspace(): tab..CR, the four information separators U+001C..U+001F, space, NEL, NBSP and the Z* spaces.
    public const string SpaceMembers = @"\t-\r\u001C-\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
    public const string WordMembers = @"\p{L}\p{N}_";
    public const string DigitMembers = @"\p{Nd}";

    private static readonly Lazy<string> AstralWordText = new(() => AstralAlternatives(c => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber));

    private static readonly Lazy<string> AstralDigitText = new(() => AstralAlternatives(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber));

    public static string Word => $"(?:[{WordMembers}]|{AstralWordText.Value})";
    public static string Digit => $"(?:[{DigitMembers}]|{AstralDigitText.Value})";
    public static string Space => $"[{SpaceMembers}]";

    public static string NotWord => Not(Word);
    public static string NotDigit => Not(Digit);
    public static string NotSpace => Not(Space);

    /// <summary>Python's <c>\b</c>: a word character on exactly one side.</summary>
    public static string WordBoundary => $"(?:(?<={Word})(?!{Word})|(?<!{Word})(?={Word}))";

    /// <summary>Python's <c>\B</c> (before 3.14): no boundary, and never in an empty string.</summary>
    public static string NotWordBoundary => $"(?:(?<={Word})(?={Word})|(?<!{Word})(?!{Word})(?:(?<=[\\s\\S])|(?=[\\s\\S])))";

    /// <summary>One code point that <paramref name="positive"/> does not match.</summary>
    public static string Not(string positive) => $"(?:(?!{positive}){AnyCodePoint})";

    /// <summary>A literal code point, escaped so no .NET syntax applies to it; a pair is grouped so a quantifier takes both units.</summary>
    public static string Literal(int codePoint)
    {
        if (codePoint <= 0xFFFF) return $"\\u{codePoint:X4}";
        var pair = char.ConvertFromUtf32(codePoint);
        return $"(?:\\u{(int)pair[0]:X4}\\u{(int)pair[1]:X4})";
    }

    /// <summary>Code points in [<paramref name="first"/>, <paramref name="last"/>]: a class part for the BMP and pair alternatives above it.</summary>
    public static (string BmpMembers, string? Astral) Range(int first, int last)
    {
        var bmp = first > 0xFFFF ? "" : Member(first, Math.Min(last, 0xFFFF));
        if (last <= 0xFFFF) return (bmp, null);
        var from = Math.Max(first, 0x10000);
        var parts = new List<string>();
        for (var high = from; high <= last;)
        {
            // One alternative per high surrogate: that surrogate, then the low surrogates in range.
            var blockEnd = Math.Min(last, (high & ~0x3FF) + 0x3FF);
            var a = char.ConvertFromUtf32(high);
            var b = char.ConvertFromUtf32(blockEnd);
            parts.Add($"\\u{(int)a[0]:X4}[\\u{(int)a[1]:X4}-\\u{(int)b[1]:X4}]");
            high = blockEnd + 1;
        }
        return (bmp, string.Join("|", parts));
    }

    private static string Member(int first, int last) => first == last ? $"\\u{first:X4}" : $"\\u{first:X4}-\\u{last:X4}";

    // Every astral code point the predicate accepts, as alternatives grouped by high surrogate.
    private static string AstralAlternatives(Func<int, bool> accepts)
    {
        var byHigh = new StringBuilder();
        var alternatives = new List<string>();
        for (var block = 0x10000; block <= 0x10FFFF; block += 0x400)
        {
            byHigh.Clear();
            var start = -1;
            for (var c = block; c <= block + 0x400; c++)
            {
                var inSet = c < block + 0x400 && accepts(c);
                if (inSet && start < 0) start = c;
                if (!inSet && start >= 0)
                {
                    var lowFirst = char.ConvertFromUtf32(start)[1];
                    var lowLast = char.ConvertFromUtf32(c - 1)[1];
                    byHigh.Append(lowFirst == lowLast ? $"\\u{(int)lowFirst:X4}" : $"\\u{(int)lowFirst:X4}-\\u{(int)lowLast:X4}");
                    start = -1;
                }
            }
            if (byHigh.Length > 0) alternatives.Add($"\\u{(int)char.ConvertFromUtf32(block)[0]:X4}[{byHigh}]");
        }
        return alternatives.Count == 0 ? "(?!)" : $"(?:{string.Join("|", alternatives)})";
    }
}
