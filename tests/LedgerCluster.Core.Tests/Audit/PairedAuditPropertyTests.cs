using FsCheck;
using FsCheck.Xunit;
using LedgerCluster.Core.Audit;

namespace LedgerCluster.Core.Tests.Audit;

/// <summary>Swapping A and B is a relabelling: it must swap b and c and negate the difference, and change no p-value.</summary>
public sealed class PairedAuditPropertyTests
{
    [Property(MaxTest = 300)]
    public bool Swapping_sides_swaps_b_and_c_negates_diff_and_keeps_p(bool[] a, bool[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var left = PairedInput.FromItems("A", AuditTestData.Items(a.Take(n)));
        var right = PairedInput.FromItems("B", AuditTestData.Items(b.Take(n)));
        var ab = PairedAudit.Run(left, right, seed: 1, resamples: 50);
        var ba = PairedAudit.Run(right, left, seed: 1, resamples: 50);
        return ab.Table.Swapped() == ba.Table
            && ab.Table.OnlyA == ba.Table.OnlyB && ab.Table.OnlyB == ba.Table.OnlyA
            && ab.Difference == -ba.Difference
            && ab.McNemarExactP == ba.McNemarExactP && ab.McNemarMidP == ba.McNemarMidP
            && ab.WilsonA == ba.WilsonB && ab.WilsonB == ba.WilsonA;
    }

    [Property(MaxTest = 500)]
    public bool P_values_are_probabilities_and_mid_p_is_smaller(NonNegativeInt b, NonNegativeInt c)
    {
        int x = b.Get % 400, y = c.Get % 400;
        var p = PairedStatistics.McNemarExactP(x, y);
        var mid = PairedStatistics.McNemarMidP(x, y);
        return p is > 0 and <= 1 && mid is > 0 and <= 1 && mid <= p;
    }

    [Property(MaxTest = 200)]
    public bool Bootstrap_interval_is_ordered_and_within_bounds(NonNegativeInt both, NonNegativeInt onlyA, NonNegativeInt onlyB, NonNegativeInt neither, int seed)
    {
        var table = new PairedTable(both.Get % 300, onlyA.Get % 300, onlyB.Get % 300, neither.Get % 300);
        var ci = PairedStatistics.BootstrapDifference(table, seed, 200);
        // Resamples cannot invent discordance of a kind the data lack: no b means c* - b* >= 0, no c means <= 0.
        return ci.Lower <= ci.Upper && ci.Lower >= -1 && ci.Upper <= 1
            && (table.OnlyA > 0 || ci.Lower >= 0) && (table.OnlyB > 0 || ci.Upper <= 0);
    }
}
