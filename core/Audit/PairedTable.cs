namespace LedgerCluster.Core.Audit;

/// <summary>
/// The 2x2 table of paired outcomes. <see cref="OnlyA"/> is McNemar's b (only A right), <see cref="OnlyB"/> is c
/// (only B right); only these discordant items carry information about which side is better.
/// </summary>
public sealed record PairedTable(int Both, int OnlyA, int OnlyB, int Neither)
{
    public int N => Both + OnlyA + OnlyB + Neither;
    public int ACorrect => Both + OnlyA;
    public int BCorrect => Both + OnlyB;
    public int Discordant => OnlyA + OnlyB;

    /// <summary>Accuracy of B minus accuracy of A; 0 for an empty table.</summary>
    public double Difference => N == 0 ? 0.0 : (double)(OnlyB - OnlyA) / N;

    /// <summary>The table with A and B exchanged.</summary>
    public PairedTable Swapped() => new(Both, OnlyB, OnlyA, Neither);

    public static PairedTable Of(IEnumerable<(bool A, bool B)> pairs)
    {
        int both = 0, onlyA = 0, onlyB = 0, neither = 0;
        foreach (var (a, b) in pairs)
        {
            if (a && b) both++;
            else if (a) onlyA++;
            else if (b) onlyB++;
            else neither++;
        }
        return new PairedTable(both, onlyA, onlyB, neither);
    }
}
