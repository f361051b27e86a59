using LedgerCluster.Client.Gateway;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// One timed phase. <see cref="Latency"/> is per request: one record in the single phase (submit to a 200 with its
/// inclusion proof), one whole batch in the batch phase.
/// </summary>
public sealed record PhaseResult(
    string Mode,
    int Concurrency,
    int BatchSize,
    int Planned,
    int Sent,
    int Accepted,
    ErrorTally Errors,
    double Seconds,
    double CpuSeconds,
    double JitSeconds,
    LatencyStats Latency,
    double[] LatenciesMs,
    IReadOnlyList<(BenchRecord Sent, Submission Answer)> Sample)
{
    public ProofTally Proofs { get; init; } = ProofTally.None;

    /// <summary>Each gateway's share when the phase ran round-robin over several; empty with one gateway.</summary>
    public IReadOnlyList<GatewayShare> PerGateway { get; init; } = [];

    public double RecordsPerSecond => Seconds > 0 ? Accepted / Seconds : 0;

    /// <summary>CPU time this process spent per accepted record (with an embedded node: gateway, silo, store and client together).</summary>
    public double CpuMicrosPerRecord => Accepted > 0 ? CpuSeconds * 1e6 / Accepted : 0;

    /// <summary>True when the duration limit stopped the phase before it sent every record.</summary>
    public bool Truncated => Sent < Planned;
}
