using MathNet.Numerics.Distributions;

namespace LedgerCluster.Core.Audit;

/// <summary>
/// Draws from Binomial(trials, p) by inverting its CDF: one uniform and a binary search per draw, with the CDF
/// table built once per distinct trial count. Exact up to floating-point rounding of the table.
/// </summary>
internal sealed class BinomialSampler(double p)
{
    private readonly Dictionary<int, double[]> _cdfs = [];

    public int Sample(int trials, double uniform)
    {
        if (trials == 0 || p <= 0) return 0;
        if (p >= 1) return trials;
        var cdf = Cdf(trials);
        int lo = 0, hi = trials; // the smallest k with CDF(k) > u; CDF(trials) = 1 > u, so it exists
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cdf[mid] > uniform) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private double[] Cdf(int trials)
    {
        if (_cdfs.TryGetValue(trials, out var cdf)) return cdf;
        var pmf = Pmf(trials);
        cdf = new double[trials + 1];
        var sum = 0.0;
        for (var k = 0; k <= trials; k++) cdf[k] = sum += pmf[k];
        cdf[trials] = 1.0; // absorb rounding so every u < 1 maps to some k
        return _cdfs[trials] = cdf;
    }

    // One PMF evaluation at the mode, then the ratio P(k+1)/P(k) = (n−k)/(k+1) · p/(1−p) outwards: a multiply per
    // entry instead of a log-gamma evaluation (the tails underflow to 0, harmlessly).
    private double[] Pmf(int trials)
    {
        var pmf = new double[trials + 1];
        var mode = Math.Min(trials, (int)Math.Floor((trials + 1) * p));
        var odds = p / (1 - p);
        pmf[mode] = Binomial.PMF(p, trials, mode);
        for (var k = mode; k < trials; k++) pmf[k + 1] = pmf[k] * (trials - k) / (k + 1) * odds;
        for (var k = mode; k > 0; k--) pmf[k - 1] = pmf[k] * k / (trials - k + 1) / odds;
        return pmf;
    }
}
