using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>What `ledger bench --witnessed N` measured: submit-to-witnessed latency over N records.</summary>
public sealed record WitnessedLatency(int Records, int Shards, LatencyStats Latency)
{
    public string Line() =>
        $"witnessed (2-of-3 hosted witnesses, {Shards} shards): {Records} records, submit to quorum checkpoint p50 {Latency.P50:0} ms, p99 {Latency.P99:0} ms, max {Latency.Max:0} ms " +
        $"(target p99 < {WitnessedLatencyProbe.TargetP99Milliseconds / 1000:0} s: {(Latency.P99 < WitnessedLatencyProbe.TargetP99Milliseconds ? "met" : "MISSED")})";

    public JObject ToJson() => new()
    {
        { "records", Records }, { "shards", Shards }, { "p50_ms", Latency.P50 }, { "p99_ms", Latency.P99 }, { "max_ms", Latency.Max },
        { "target_p99_ms", WitnessedLatencyProbe.TargetP99Milliseconds }, { "target_met", Latency.P99 < WitnessedLatencyProbe.TargetP99Milliseconds },
    };
}
