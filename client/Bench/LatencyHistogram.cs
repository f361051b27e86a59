namespace LedgerCluster.Client.Bench;

/// <summary>
/// Latencies in equal-width bins from 0 to a round number just above the 99.5th percentile; the last bin also
/// takes the rarer, slower requests beyond it so one outlier does not squash the picture.
/// </summary>
public sealed record LatencyHistogram(string Phase, double BinWidthMs, int[] Counts, double MaxMs, LatencyStats Stats)
{
    public const int Bins = 40;

    public static LatencyHistogram Of(PhaseResult phase)
    {
        var values = phase.LatenciesMs;
        var counts = new int[Bins];
        if (values.Length == 0) return new LatencyHistogram(phase.Mode, 1, counts, 0, phase.Latency);
        var sorted = values.Order().ToArray();
        var top = sorted[Math.Clamp((int)Math.Ceiling(0.995 * sorted.Length) - 1, 0, sorted.Length - 1)];
        var width = NiceWidth(Math.Max(top, 0.001) / Bins);
        foreach (var v in sorted) counts[Math.Min(Bins - 1, (int)(v / width))]++;
        return new LatencyHistogram(phase.Mode, width, counts, sorted[^1], phase.Latency);
    }

    public double Low(int bin) => bin * BinWidthMs;

    /// <summary>The upper edge; the last bin's is the slowest request when that lies beyond the regular edge.</summary>
    public double High(int bin) => bin == Bins - 1 ? Math.Max(Bins * BinWidthMs, MaxMs) : (bin + 1) * BinWidthMs;

    // 1, 2 or 5 times a power of ten, at least the raw width.
    private static double NiceWidth(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (step * power >= raw) return step * power;
        return 10 * power;
    }
}
