using LedgerCluster.Core.Audit;

namespace LedgerCluster.Core.Tests.Audit;

/// <summary>
/// Statistics pinned against values computed independently (exact fractions, or python3 with math.comb and
/// statistics.NormalDist; the expressions are in the comments), never by calling the code under test.
/// </summary>
public sealed class PairedStatisticsTests
{
    [Theory]
    // python3: n=b+c; k=min(b,c); t=sum(comb(n,i) for i in range(k+1))/2**n; p=min(1,2*t); mid=min(1,2*(t-comb(n,k)/2**n/2))
    [InlineData(2, 10, 0.03857421875, 0.0224609375)]          // 2*79/4096 and 2*(79-33)/4096, exact
    [InlineData(10, 2, 0.03857421875, 0.0224609375)]          // two-sided: symmetric in b and c
    [InlineData(21, 41, 0.0151340809974471, 0.0111414074153051)] // the published max_new=300 pair: p = 0.0151
    [InlineData(29, 27, 0.893853094835022, 0.791366427779181)]   // the max_new=768 pair: p = 0.8939
    [InlineData(0, 5, 0.0625, 0.03125)]                       // 2/32 and 2*(1-1/2)/32
    [InlineData(5, 5, 1.0, 1.0)]
    [InlineData(1, 0, 1.0, 0.5)]
    [InlineData(0, 0, 1.0, 1.0)]                              // no discordant items: no evidence either way
    public void McNemar_exact_and_mid_p(int b, int c, double p, double midP)
    {
        Assert.Equal(p, PairedStatistics.McNemarExactP(b, c), 12);
        Assert.Equal(midP, PairedStatistics.McNemarMidP(b, c), 12);
    }

    [Theory]
    // python3: z=1.959963984540054; p=k/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z*sqrt(p*(1-p)/n+z*z/(4*n*n))/d; (c-h, c+h)
    [InlineData(81, 263, 0.255288519878274, 0.3662095769828)]
    [InlineData(0, 10, 0.0, 0.277532799862889)]
    [InlineData(10, 10, 0.722467200137111, 1.0)]
    [InlineData(137, 199, 0.621039375889211, 0.748707521199997)]
    public void Wilson_interval(int k, int n, double lo, double hi)
    {
        var ci = PairedStatistics.Wilson(k, n);
        Assert.Equal(lo, ci.Lower, 10);
        Assert.Equal(hi, ci.Upper, 10);
    }

    [Fact]
    public void Wilson_of_nothing_is_the_whole_range() => Assert.Equal(new ConfidenceInterval(0, 1), PairedStatistics.Wilson(0, 0));

    [Theory]
    // python3 (statistics.NormalDist): za=inv_cdf(0.975); zb=inv_cdf(0.8); sqrt(psi)*(za*sqrt(n)+zb*sqrt(n+zb*zb-za*za))/(n+zb*zb)
    // Plugging 0.104209 back into Connor's n = (za*sqrt(psi)+zb*sqrt(psi-d*d))**2/d**2 gives 200.0.
    [InlineData(200, 0.28, 0.10420901623443236)]
    [InlineData(1319, 0.2, 0.03446737449870158)]
    public void Minimum_detectable_difference(int n, double discordance, double expected) =>
        Assert.Equal(expected, PairedStatistics.MinimumDetectableDifference(n, discordance)!.Value, 9);

    [Fact]
    public void Minimum_detectable_difference_is_undefined_without_discordance()
    {
        Assert.Null(PairedStatistics.MinimumDetectableDifference(100, 0));
        Assert.Null(PairedStatistics.MinimumDetectableDifference(0, 0.3));
    }

    [Fact]
    public void Bootstrap_is_reproducible_for_a_seed()
    {
        var table = new PairedTable(700, 150, 200, 269);
        Assert.Equal(PairedStatistics.BootstrapDifference(table, 7), PairedStatistics.BootstrapDifference(table, 7));
        Assert.Equal(PairedStatistics.BootstrapDifferences(table, 7, 1000), PairedStatistics.BootstrapDifferences(table, 7, 1000));
    }

    [Fact]
    public void Bootstrap_differs_for_another_seed()
    {
        var table = new PairedTable(700, 150, 200, 269);
        Assert.NotEqual(PairedStatistics.BootstrapDifferences(table, 0, 1000), PairedStatistics.BootstrapDifferences(table, 1, 1000));
        // The percentiles of a discrete statistic can coincide for two seeds, but not for ten.
        var intervals = Enumerable.Range(0, 10).Select(seed => PairedStatistics.BootstrapDifference(table, seed)).Distinct().Count();
        Assert.True(intervals > 1);
    }

    [Fact]
    public void Cell_count_bootstrap_has_the_per_item_bootstrap_moments()
    {
        // Resampling n items: c* - b* has mean c - b and variance n[(b+c)/n - ((c-b)/n)^2] (multinomial moments).
        var table = new PairedTable(108, 29, 27, 35);
        var diffs = PairedStatistics.BootstrapDifferences(table, 3, 20_000).Select(d => (double)d).ToArray();
        var mean = diffs.Average();
        var variance = diffs.Select(d => (d - mean) * (d - mean)).Sum() / (diffs.Length - 1);
        double n = 199, b = 29, c = 27;
        var expectedVariance = n * ((b + c) / n - ((c - b) / n) * ((c - b) / n)); // 55.98
        Assert.InRange(mean, c - b - 0.25, c - b + 0.25);          // standard error of the mean is about 0.053
        Assert.InRange(variance, expectedVariance * 0.95, expectedVariance * 1.05);
    }

    [Theory]
    // The exact law of c* - b* when resampling 199 items with cells (108, 29, 27, 35): the trinomial sum over (b*, c*),
    // python3: sum of exp(lgamma(n+1)-lgamma(b+1)-lgamma(c+1)-lgamma(o+1)+b*log(29/199)+c*log(27/199)+o*log(143/199)).
    [InlineData(-17, 0.026256)]
    [InlineData(-2, 0.526620)]
    [InlineData(12, 0.973786)]
    public void Cell_count_bootstrap_follows_the_exact_resampling_law(int d, double exactCdf)
    {
        var diffs = PairedStatistics.BootstrapDifferences(new PairedTable(108, 29, 27, 35), 11, 200_000);
        var empirical = diffs.Count(x => x <= d) / (double)diffs.Length;
        Assert.InRange(empirical, exactCdf - 0.004, exactCdf + 0.004); // about 4 standard errors at the median, more in the tails
    }

    [Fact]
    public void Bootstrap_interval_agrees_with_the_published_one()
    {
        // numbers_cross_check.json: n=199, b=29, c=27, numpy per-item bootstrap (seed 42, 10,000): [-8.54, 6.03] points.
        // A different generator gives a slightly different interval; they agree to well within a point.
        var ci = PairedStatistics.BootstrapDifference(new PairedTable(108, 29, 27, 35), seed: 0);
        Assert.InRange(ci.Lower * 100, -8.54 - 1, -8.54 + 1);
        Assert.InRange(ci.Upper * 100, 6.03 - 1, 6.03 + 1);
    }

    [Fact]
    public void Bootstrap_of_a_degenerate_table_is_a_point()
    {
        Assert.Equal(new ConfidenceInterval(0, 0), PairedStatistics.BootstrapDifference(new PairedTable(10, 0, 0, 5), 0));
        Assert.Equal(new ConfidenceInterval(0, 0), PairedStatistics.BootstrapDifference(new PairedTable(0, 0, 0, 0), 0));
        Assert.Equal(new ConfidenceInterval(1, 1), PairedStatistics.BootstrapDifference(new PairedTable(0, 0, 12, 0), 0));
    }
}
