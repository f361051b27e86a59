using System.Globalization;
using System.Text;

namespace LedgerCluster.Core.Scoring;

/// <summary>
/// Finds numbers the way the verievals pattern <c>[-+]?\d[\d,]*(?:\.\d+)?</c> does under Python <c>re</c>: <c>\d</c> is any
/// Unicode decimal digit (per code point, so astral digits count), commas are thousands separators and are dropped,
/// no exponents and no leading ".5". Hand-written because .NET <c>\d</c> works on UTF-16 units, not code points.
/// </summary>
internal static class NumberExtractor
{
    public static double? First(string text) => Tokens(text).FirstOrDefault() is { } first ? Parse(first) : null;

    public static double? Last(string text)
    {
        string? last = null;
        foreach (var token in Tokens(text)) last = token;
        return last is null ? null : Parse(last);
    }

    /// <summary>Non-overlapping leftmost matches, like <c>re.findall</c>.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var end = MatchAt(text, i);
            if (end > i)
            {
                yield return text[i..end];
                i = end;
            }
            else i++;
        }
    }

    /// <summary>The end of a match starting exactly at <paramref name="start"/>, or <paramref name="start"/> when none.</summary>
    private static int MatchAt(string text, int start)
    {
        var j = start;
        if (text[j] is '+' or '-') j++;
        var width = DigitWidth(text, j);
        if (width == 0) return start;
        j += width;
        while (j < text.Length)
        {
            if (text[j] == ',') j++;
            else if (DigitWidth(text, j) is > 0 and var w) j += w;
            else break;
        }
        if (j < text.Length && text[j] == '.' && DigitWidth(text, j + 1) is > 0 and var first)
        {
            j += 1 + first;
            while (DigitWidth(text, j) is > 0 and var w) j += w;
        }
        return j;
    }

    /// <summary>UTF-16 length of the decimal digit at <paramref name="index"/>, 0 when there is none.</summary>
    private static int DigitWidth(string text, int index) =>
        index < text.Length && Rune.TryGetRuneAt(text, index, out var rune) && Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber
            ? rune.Utf16SequenceLength
            : 0;

    /// <summary>Python <c>float(token.replace(",", ""))</c>: any script's decimal digits, correctly rounded, huge values to infinity.</summary>
    private static double? Parse(string token)
    {
        var ascii = new StringBuilder(token.Length);
        foreach (var rune in token.EnumerateRunes())
        {
            if (rune.Value == ',') continue;
            ascii.Append(Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber
                ? (char)('0' + (int)Rune.GetNumericValue(rune))
                : (char)rune.Value);
        }
        return double.TryParse(ascii.ToString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }
}
