using MathNet.Numerics.Distributions;

namespace LedgerCluster.Core.Audit;

/// <summary>The statistics of a paired comparison, as small pure functions of the 2x2 table.</summary>
public static class PairedStatistics
{
    public const double Alpha = 0.05;
    public const double Power = 0.8;
    public const int DefaultResamples = 10_000;

    private static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>
    /// McNemar's exact test: under "no difference" each of the b + c discordant items is equally likely to favour
    /// either side, so min(b, c) ~ Binomial(b + c, 1/2). Two-sided p = min(1, 2 P(X ≤ min(b, c))); 1 when b + c = 0.
    /// </summary>
    public static double McNemarExactP(int b, int c)
    {
        var n = b + c;
        return n == 0 ? 1.0 : Math.Min(1.0, 2.0 * Binomial.CDF(0.5, n, Math.Min(b, c)));
    }

    /// <summary>
    /// The mid-p variant, 2 [P(X ≤ k) − P(X = k) / 2]: counts half the observed outcome, which removes most of the
    /// exact test's conservativeness (Fagerland, Lydersen and Laake 2013 recommend it for paired binary data).
    /// </summary>
    public static double McNemarMidP(int b, int c)
    {
        var n = b + c;
        if (n == 0) return 1.0;
        var k = Math.Min(b, c);
        return Math.Min(1.0, 2.0 * (Binomial.CDF(0.5, n, k) - 0.5 * Binomial.PMF(0.5, n, k)));
    }

    /// <summary>
    /// Wilson's 95% score interval for <paramref name="successes"/> out of <paramref name="n"/>: unlike the Wald
    /// interval it stays inside [0, 1] and keeps its coverage near 0% and 100%. [0, 1] when n = 0.
    /// </summary>
    public static ConfidenceInterval Wilson(int successes, int n)
    {
        if (n == 0) return new(0, 1);
        var p = (double)successes / n;
        var z2 = Z95 * Z95;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Paired bootstrap 95% percentile interval of accuracy(B) − accuracy(A). Resampling n items with replacement
    /// only matters through how many land in each cell, and (b*, c*) is exactly Multinomial: b* ~ Bin(n, b/n),
    /// then c* ~ Bin(n − b*, c/(n − b)). So we draw two binomials per resample instead of n items: the same
    /// distribution at a fraction of the cost. Percentiles use linear interpolation (numpy's default).
    /// The same seed always gives the same interval (our own SplitMix64, not System.Random).
    /// </summary>
    public static ConfidenceInterval BootstrapDifference(PairedTable table, long seed, int resamples = DefaultResamples)
    {
        if (table.N == 0) return new(0, 0);
        var diffs = BootstrapDifferences(table, seed, resamples);
        return new(Percentile(diffs, 0.025) / table.N, Percentile(diffs, 0.975) / table.N);
    }

    /// <summary>The resampled c* − b* counts, sorted.</summary>
    internal static int[] BootstrapDifferences(PairedTable table, long seed, int resamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var n = table.N;
        var rng = new SplitMix64(seed);
        var onlyA = new BinomialSampler(n == 0 ? 0 : (double)table.OnlyA / n);
        var onlyB = new BinomialSampler(n == table.OnlyA ? 0 : (double)table.OnlyB / (n - table.OnlyA));
        var diffs = new int[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var b = onlyA.Sample(n, rng.NextDouble());
            var c = onlyB.Sample(n - b, rng.NextDouble());
            diffs[r] = c - b;
        }
        Array.Sort(diffs);
        return diffs;
    }

    /// <summary>
    /// The smallest true paired difference that a two-sided McNemar test at α = 0.05 detects with power 0.8, for
    /// n items of which a share ψ is discordant. Connor's (1987) sample size
    /// n = [z(1−α/2) √ψ + z(power) √(ψ − δ²)]² / δ², solved for δ:
    /// δ = √ψ [z(1−α/2) √n + z(power) √(n + z(power)² − z(1−α/2)²)] / (n + z(power)²).
    /// Roughly (1.96 + 0.84) √(ψ / n). Null when it is undefined (no discordant items, or n below 4).
    /// </summary>
    public static double? MinimumDetectableDifference(int n, double discordanceRate, double alpha = Alpha, double power = Power)
    {
        if (n <= 0 || !(discordanceRate > 0) || discordanceRate > 1) return null;
        var za = Normal.InvCDF(0, 1, 1 - alpha / 2);
        var zb = Normal.InvCDF(0, 1, power);
        var inner = n + zb * zb - za * za;
        if (inner <= 0) return null;
        return Math.Sqrt(discordanceRate) * (za * Math.Sqrt(n) + zb * Math.Sqrt(inner)) / (n + zb * zb);
    }

    // numpy.percentile's default ("linear", Hyndman and Fan type 7) on sorted values.
    private static double Percentile(int[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
