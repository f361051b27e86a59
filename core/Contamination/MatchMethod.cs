namespace LedgerCluster.Core.Contamination;

public enum MatchMethod
{
    /// <summary>Word n-grams (the default for items of ordinary length).</summary>
    Words,

    /// <summary>Character n-grams over the words joined by single spaces (short items).</summary>
    Chars,

    /// <summary>Shorter than one character n-gram: not judged.</summary>
    TooShort,
}
