namespace LedgerCluster.Client.Bench;

/// <summary>Latency percentiles in milliseconds (nearest rank), over the requests that completed.</summary>
public sealed record LatencyStats(int Count, double Mean, double P50, double P90, double P99, double Max)
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0, 0, 0);

    public static LatencyStats Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) return Empty;
        var sorted = milliseconds.Order().ToArray();
        return new LatencyStats(sorted.Length, sorted.Average(), Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
