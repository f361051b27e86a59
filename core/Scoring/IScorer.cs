namespace LedgerCluster.Core.Scoring;

/// <summary>Deterministically scores one model output against the task's reference answer.</summary>
public interface IScorer
{
    /// <summary>The id pinned in the run record (<c>aggregate.scorer</c>).</summary>
    string Id { get; }

    ScoreResult Score(string output, string? expected);
}
