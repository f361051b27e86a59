using System.Text;

namespace LedgerCluster.Core.Contamination;

/// <summary>
/// The comparison form of text for contamination checks: NFKC, then case folding. Whitespace and punctuation
/// are dropped later by the tokenizer, so "Janet’s  ducks" and "JANET’S DUCKS" compare equal.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text) => CaseFold(Nfkc.Normalize(text));

    /// <summary>
    /// Simple lowercase mapping plus the full foldings that matter for matching words (ß → ss, final sigma → σ);
    /// .NET has no full case folding, and lowercase alone would leave "STRASSE" and "straße" apart.
    /// </summary>
    public static string CaseFold(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower.AsSpan().IndexOfAny('ß', 'ς') < 0) return lower;
        return new StringBuilder(lower).Replace("ß", "ss").Replace('ς', 'σ').ToString();
    }
}
