namespace LedgerCluster.Core.Scoring;

/// <summary>
/// Passes when the last number in the output equals the last number in expected (within 1e-9): chain-of-thought
/// answers state the final figure last, and "#### 72" style references work too.
/// </summary>
public sealed class Gsm8kScorer : IScorer
{
    public const string ScorerId = "gsm8k";
    public const double AbsoluteTolerance = 1e-9;

    public string Id => ScorerId;

    public ScoreResult Score(string output, string? expected)
    {
        if (expected is null) return ScoreResult.Fail;
        if (NumberExtractor.Last(expected) is not { } target || NumberExtractor.Last(output) is not { } got) return ScoreResult.Fail;
        return ScoreResult.Of(Math.Abs(got - target) <= AbsoluteTolerance);
    }
}
