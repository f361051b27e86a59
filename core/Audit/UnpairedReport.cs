namespace LedgerCluster.Core.Audit;

/// <summary>Items left out of the paired statistics, and why.</summary>
public sealed record UnpairedReport(IdSample OnlyInA, IdSample OnlyInB, IdSample NoCorrectA, IdSample NoCorrectB)
{
    public bool Any => OnlyInA.Count + OnlyInB.Count + NoCorrectA.Count + NoCorrectB.Count > 0;
}
