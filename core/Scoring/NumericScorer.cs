namespace LedgerCluster.Core.Scoring;

/// <summary>Passes when the first number in the output is within 1e-9 of the first number in expected.</summary>
public sealed class NumericScorer : IScorer
{
    public const string ScorerId = "numeric";
    public const double AbsoluteTolerance = 1e-9;

    public string Id => ScorerId;

    public ScoreResult Score(string output, string? expected)
    {
        if (expected is null) return ScoreResult.Fail;
        if (NumberExtractor.First(expected) is not { } target || NumberExtractor.First(output) is not { } got) return ScoreResult.Fail;
        return ScoreResult.Of(Math.Abs(got - target) <= AbsoluteTolerance);
    }
}
