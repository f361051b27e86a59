namespace LedgerCluster.Core.Scoring;

/// <summary>A score in [0, 1]; the built-in scorers only give 1.0 (passed) or 0.0.</summary>
public sealed record ScoreResult(double Value, bool Passed)
{
    public static readonly ScoreResult Pass = new(1.0, true);
    public static readonly ScoreResult Fail = new(0.0, false);

    public static ScoreResult Of(bool passed) => passed ? Pass : Fail;
}
