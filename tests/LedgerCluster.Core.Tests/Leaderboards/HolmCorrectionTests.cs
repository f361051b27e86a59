using LedgerCluster.Core.Leaderboards;

namespace LedgerCluster.Core.Tests.Leaderboards;

public sealed class HolmCorrectionTests
{
    [Fact]
    public void Step_down_factors_with_a_running_maximum_keep_the_given_order()
    {
        // Ascending 0.01, 0.03, 0.04 → 3 x 0.01 = 0.03, 2 x 0.03 = 0.06, 1 x 0.04 = 0.04 raised to 0.06 (monotone).
        var adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03]);

        Assert.Equal(0.03, adjusted[0], 12);
        Assert.Equal(0.06, adjusted[1], 12);
        Assert.Equal(0.06, adjusted[2], 12);
    }

    [Fact]
    public void Adjusted_values_are_capped_at_one_and_a_single_test_is_unchanged()
    {
        Assert.Equal([1.0, 1.0], HolmCorrection.Adjust([0.6, 0.7]));
        Assert.Equal([0.2], HolmCorrection.Adjust([0.2]));
        Assert.Empty(HolmCorrection.Adjust([]));
    }
}
