namespace LedgerCluster.Core.Audit;

public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    public bool Contains(double x) => Lower <= x && x <= Upper;
}
