namespace LedgerCluster.Core.Contamination;

/// <summary>
/// 64-bit hashes of words, word n-grams and character n-grams. Benchmark items and training text go through
/// exactly these functions, so equal n-grams get equal hashes; with 64 bits a false match among millions of
/// training n-grams has a probability around 1e-7.
/// </summary>
internal static class NGramHash
{
    public const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong CharBase = 0x100000001B3UL * 31 + 2; // odd, so multiplication is invertible mod 2^64

    public static ulong FnvStep(ulong hash, char c) => (hash ^ c) * FnvPrime;

    /// <summary>The splitmix64 finalizer: spreads FNV's weak low bits before the hashes are combined or looked up.</summary>
    public static ulong Finish(ulong h)
    {
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    /// <summary>The hash of the n words starting at <paramref name="start"/>; order matters.</summary>
    public static ulong Words(List<Token> tokens, int start, int n)
    {
        var h = 0x9E3779B97F4A7C15UL;
        for (var k = 0; k < n; k++) h = (h ^ tokens[start + k].Hash) * FnvPrime + (ulong)k;
        return Finish(h);
    }

    /// <summary>Calls <paramref name="onGram"/>(hash, start) for every n-char window of <paramref name="text"/>, with a rolling hash.</summary>
    public static void Chars(string text, int n, Action<ulong, int> onGram)
    {
        if (text.Length < n) return;
        var drop = 1UL;
        for (var k = 1; k < n; k++) drop *= CharBase; // CharBase^(n-1): the weight of the char leaving the window
        var h = 0UL;
        for (var i = 0; i < text.Length; i++)
        {
            if (i >= n) h -= text[i - n] * drop;
            h = h * CharBase + text[i];
            if (i >= n - 1) onGram(Finish(h), i - n + 1);
        }
    }
}
