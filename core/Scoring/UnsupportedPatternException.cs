namespace LedgerCluster.Core.Scoring;

/// <summary>
/// A <c>regex_match</c> pattern that cannot be matched exactly as verievals' Python <c>re</c> would, so no score is
/// given rather than one that might differ; <see cref="Exception.Message"/> names the construct and why.
/// </summary>
public sealed class UnsupportedPatternException(string pattern, string reason)
    : ArgumentException($"regex_match pattern \"{(pattern.Length > 60 ? pattern[..60] + "…" : pattern)}\" is refused: {reason}")
{
    public string Pattern { get; } = pattern;
    public string Reason { get; } = reason;
}
