using System.Text.RegularExpressions;

namespace LedgerCluster.Core.Scoring;

/// <summary>
/// Passes when <c>expected</c>, read as a Python regular expression, is found anywhere in the output (<c>re.search</c>).
/// A pattern that is invalid in Python, or that runs past the match timeout, fails the task instead of crashing the run.
/// </summary>
public sealed class RegexMatchScorer : IScorer
{
    public const string ScorerId = "regex_match";

    /// <summary>Patterns come from benchmark files, so a catastrophic-backtracking pattern must not hang a run.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public string Id => ScorerId;

    public ScoreResult Score(string output, string? expected)
    {
        if (expected is null || PythonRegex.Translate(expected) is not { } pattern) return ScoreResult.Fail;
        try
        {
            return ScoreResult.Of(Regex.IsMatch(output, pattern, RegexOptions.CultureInvariant, MatchTimeout));
        }
        catch (ArgumentException)
        {
            return ScoreResult.Fail; // invalid pattern (RegexParseException derives from ArgumentException)
        }
        catch (RegexMatchTimeoutException)
        {
            return ScoreResult.Fail;
        }
    }
}
