namespace LedgerCluster.Core.Audit;

/// <summary>One item scored on both sides.</summary>
internal sealed record PairedOutcome(PairedItem A, PairedItem B)
{
    public bool ACorrect => A.Correct == true;
    public bool BCorrect => B.Correct == true;
}
