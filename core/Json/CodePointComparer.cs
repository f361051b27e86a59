namespace LedgerCluster.Core.Json;

/// <summary>
/// Orders strings by Unicode code point (equivalently by UTF-8 bytes), as Python's <c>sorted()</c> does.
/// Ordinal UTF-16 comparison differs for characters above U+FFFF versus U+E000..U+FFFF.
/// </summary>
public sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            char a = x[i], b = y[i];
            if (a == b) continue;
            // A surrogate (U+D800..U+DFFF) encodes a code point above U+FFFF, so it sorts after every BMP char.
            bool sa = char.IsSurrogate(a), sb = char.IsSurrogate(b);
            if (sa != sb) return sa ? 1 : -1;
            return a.CompareTo(b);
        }
        return x.Length.CompareTo(y.Length);
    }
}
