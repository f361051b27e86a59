using System.Text;

namespace LedgerCluster.Core.Contamination;

/// <summary>Unicode NFKC through the runtime (ICU): fullwidth, ligature and compatibility forms fold to their plain form.</summary>
public static class Nfkc
{
    /// <summary>The NFKC form of <paramref name="text"/>; text that is not valid UTF-16 (a lone surrogate) is returned as is.</summary>
    public static string Normalize(string text)
    {
        try { return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC); }
        catch (ArgumentException) { return text; }
    }
}
