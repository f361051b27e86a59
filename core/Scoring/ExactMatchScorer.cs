using LedgerCluster.Core.Text;

namespace LedgerCluster.Core.Scoring;

/// <summary>Passes when output and expected are equal after Python <c>strip()</c> and <c>casefold()</c>.</summary>
public sealed class ExactMatchScorer : IScorer
{
    public const string ScorerId = "exact_match";

    public string Id => ScorerId;

    public ScoreResult Score(string output, string? expected) =>
        expected is null ? ScoreResult.Fail : ScoreResult.Of(string.Equals(Normalize(output), Normalize(expected), StringComparison.Ordinal));

    private static string Normalize(string text) => PythonString.CaseFold(PythonString.Strip(text));
}
