using System.Globalization;

namespace LedgerCluster.Core.Contamination;

/// <summary>Words are maximal runs of letters, digits and combining marks; everything else separates them.</summary>
internal static class Tokenizer
{
    public static void Tokenize(string text, List<Token> into)
    {
        var i = 0;
        while (i < text.Length)
        {
            var width = WordCharWidth(text, i);
            if (width == 0) { i++; continue; }
            var start = i;
            var hash = NGramHash.FnvOffset;
            do
            {
                for (var k = 0; k < width; k++) hash = NGramHash.FnvStep(hash, text[i + k]);
                i += width;
            } while (i < text.Length && (width = WordCharWidth(text, i)) > 0);
            into.Add(new Token(start, i, NGramHash.Finish(hash)));
        }
    }

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        Tokenize(text, tokens);
        return tokens;
    }

    // 0 when text[i] is not part of a word, else the number of chars (2 for a surrogate pair) it takes.
    private static int WordCharWidth(string text, int i)
    {
        var c = text[i];
        if (c < 0x80) return (uint)(c - 'a') < 26 || (uint)(c - '0') < 10 || (uint)(c - 'A') < 26 ? 1 : 0;
        if (char.IsHighSurrogate(c))
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]))) ? 2 : 0;
        return IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(c)) ? 1 : 0;
    }

    private static bool IsWordCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };
}
