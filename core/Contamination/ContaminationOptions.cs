namespace LedgerCluster.Core.Contamination;

/// <summary>
/// Scanner settings. Defaults: word 8-grams (long enough that ordinary phrases do not collide, short enough to
/// survive light edits); items under 12 words use character 13-grams instead, because they have at most four
/// 8-grams and one edit would erase the signal. 13 characters span two or more words, so a single common word
/// never matches, while a 40-character question still has 28 windows for a meaningful share. An item is flagged
/// when at least half of its n-grams occur in the training text.
/// </summary>
public sealed record ContaminationOptions
{
    public int WordN { get; init; } = 8;
    public int CharN { get; init; } = 13;

    /// <summary>Items with fewer words than this use character n-grams.</summary>
    public int ShortItemWords { get; init; } = 12;

    /// <summary>Containment at or above which an item is flagged.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Append the expected answer to the prompt (finds question-and-answer pairs; less sensitive to prompt-only leaks).</summary>
    public bool IncludeExpected { get; init; }

    public static ContaminationOptions Default { get; } = new();

    internal void Validate()
    {
        if (WordN < 1 || CharN < 1 || ShortItemWords < 0) throw new ArgumentException("n-gram sizes must be positive");
        if (Threshold is < 0 or > 1 || double.IsNaN(Threshold)) throw new ArgumentException("threshold must be within [0, 1]");
    }
}
