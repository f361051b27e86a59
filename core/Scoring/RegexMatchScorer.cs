using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace LedgerCluster.Core.Scoring;

/// <summary>
/// Passes when <c>expected</c>, read as a Python regular expression, is found anywhere in the output (<c>re.search</c>).
/// A pattern that is invalid in Python fails the task, as in verievals; one that cannot be matched exactly as Python
/// would is refused with <see cref="UnsupportedPatternException"/> (naming why), never scored differently; a pattern
/// that runs past the match timeout fails the task instead of hanging the run.
/// </summary>
public sealed class RegexMatchScorer : IScorer
{
    public const string ScorerId = "regex_match";

    /// <summary>Patterns come from benchmark files, so a catastrophic-backtracking pattern must not hang a run.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int CacheLimit = 4096;

    // A benchmark reuses few patterns over many outputs; translating one (and building its Regex) once pays for itself.
    private static readonly ConcurrentDictionary<string, (Regex Regex, bool IgnoresCase)?> Compiled = new(StringComparer.Ordinal);

    public string Id => ScorerId;

    public ScoreResult Score(string output, string? expected)
    {
        if (expected is null) return ScoreResult.Fail;
        if (!Compiled.TryGetValue(expected, out var regex))
        {
            regex = Build(expected);
            if (Compiled.Count < CacheLimit) Compiled.TryAdd(expected, regex);
        }
        if (regex is not var (matcher, ignoresCase)) return ScoreResult.Fail;
        if (ignoresCase && !(Ascii(expected) && Ascii(output)))
            throw new UnsupportedPatternException(expected,
                "case-insensitive matching of non-ASCII text: Python's re and .NET fold some characters differently (U+0130, U+017F, U+212A...)");
        try
        {
            return ScoreResult.Of(matcher.IsMatch(output));
        }
        catch (RegexMatchTimeoutException)
        {
            return ScoreResult.Fail;
        }
    }

    // Null when Python rejects the pattern (the task fails); throws when it cannot be matched exactly.
    private static (Regex, bool)? Build(string expected)
    {
        if (PythonRegex.Translate(expected) is not { } pattern) return null;
        try
        {
            return (new Regex(pattern.DotNetPattern, RegexOptions.CultureInvariant, MatchTimeout), pattern.IgnoresCase);
        }
        catch (ArgumentException)
        {
            return null; // what .NET cannot parse after translation, Python rejected too (RegexParseException derives from ArgumentException)
        }
    }

    private static bool Ascii(string text) => !text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F');
}
