namespace LedgerCluster.Client.Bench;

/// <summary>How many returned proofs were fully checked, how many failed, and the first failure.</summary>
public sealed record ProofTally(int Checked, int Failed, string? FirstProblem)
{
    public static readonly ProofTally None = new(0, 0, null);

    public int Verified => Checked - Failed;
}
