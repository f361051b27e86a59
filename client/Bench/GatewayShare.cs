namespace LedgerCluster.Client.Bench;

/// <summary>
/// One gateway's part of a phase run round-robin over several gateways of one cluster. Records/s is its accepted
/// records over the phase's wall time, so the shares add up to the phase's aggregate rate.
/// </summary>
public sealed record GatewayShare(string Gateway, int Sent, int Accepted, int Failed, double RecordsPerSecond, LatencyStats Latency);

/// <summary>How `ledger bench` spreads requests over several gateways, and splits a phase's result back per gateway.</summary>
public static class RoundRobin
{
    /// <summary>
    /// The gateways from `--gateway`, given comma-separated and/or repeated, in order. The same URL may appear
    /// more than once (it then takes that many turns).
    /// </summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>The gateway that takes request number <paramref name="request"/> (a record in the single phase, a batch in the batch phase).</summary>
    public static int Of(int request, int gateways) => request % gateways;

    /// <summary>
    /// Splits per-request outcomes by the gateway each request went to (request r to gateway r mod N).
    /// <paramref name="sent"/> and <paramref name="accepted"/> count records per request (0 sent: never sent);
    /// <paramref name="timed"/> marks the requests whose latency counts (answered in full).
    /// </summary>
    public static IReadOnlyList<GatewayShare> Split(IReadOnlyList<string> gateways, double seconds,
        IReadOnlyList<int> sent, IReadOnlyList<int> accepted, IReadOnlyList<bool> timed, IReadOnlyList<double> latencies)
    {
        var shares = new List<GatewayShare>(gateways.Count);
        for (var g = 0; g < gateways.Count; g++)
        {
            int s = 0, a = 0;
            var ms = new List<double>();
            for (var r = g; r < sent.Count; r += gateways.Count)
            {
                s += sent[r];
                a += accepted[r];
                if (timed[r]) ms.Add(latencies[r]);
            }
            shares.Add(new GatewayShare(gateways[g], s, a, s - a, seconds > 0 ? a / seconds : 0, LatencyStats.Of(ms)));
        }
        return shares;
    }
}
