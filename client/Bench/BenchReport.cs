using System.Globalization;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>Everything one `ledger bench` run measured, with the targets it is held to, as text or JSON.</summary>
public sealed record BenchReport(
    MachineInfo Machine,
    string Gateway,
    bool Embedded,
    int Shards,
    int RecordsPerPhase,
    int Generated,
    double GenerateSeconds,
    double JitSettleSeconds,
    VerifyRate Verify,
    IReadOnlyList<PhaseResult> Phases,
    long LeavesAdded)
{
    /// <summary>The gateways the load went round-robin over, when more than one; empty otherwise.</summary>
    public IReadOnlyList<string> Gateways { get; init; } = [];

    public const double SingleTarget = 3_000, BatchTarget = 10_000, VerifyRatioTarget = 0.30, P50TargetMs = 300, P99TargetMs = 1_000;

    public int Accepted => Phases.Sum(p => p.Accepted);

    public int Errors => Phases.Sum(p => p.Errors.Total);

    public int ProofFailures => Phases.Sum(p => p.Proofs.Failed);

    /// <summary>Every accepted record is exactly one new leaf (checked only where nobody else writes: the embedded node).</summary>
    public bool LeavesMatch => !Embedded || LeavesAdded == Accepted;

    /// <summary>Nothing went wrong: no refused or failed request, every sampled proof verified, no leaf missing or extra.</summary>
    public bool Passed => Errors == 0 && ProofFailures == 0 && LeavesMatch && Phases.All(p => p.Proofs.Checked > 0 || p.Accepted == 0);

    public double BestIngest => Phases.Count == 0 ? 0 : Phases.Max(p => p.RecordsPerSecond);

    public double VerifyRatio => Verify.AllCores > 0 ? BestIngest / Verify.AllCores : 0;

    public IReadOnlyList<BenchTarget> Targets()
    {
        var targets = new List<BenchTarget>();
        if (Phases.FirstOrDefault(p => p.Mode == "single") is { } single)
        {
            targets.Add(new BenchTarget("single_ingest", ">= 3,000 records/s one per request", single.RecordsPerSecond, "records/s", single.RecordsPerSecond >= SingleTarget));
            targets.Add(new BenchTarget("submit_to_proof_p50", "p50 < 300 ms", single.Latency.P50, "ms", single.Latency.P50 < P50TargetMs));
            targets.Add(new BenchTarget("submit_to_proof_p99", "p99 < 1 s", single.Latency.P99, "ms", single.Latency.P99 < P99TargetMs));
        }
        if (Phases.FirstOrDefault(p => p.Mode == "batch") is { } batch)
            targets.Add(new BenchTarget("batch_ingest", ">= 10,000 records/s via the batch API", batch.RecordsPerSecond, "records/s", batch.RecordsPerSecond >= BatchTarget));
        if (Phases.Count > 0)
            targets.Add(new BenchTarget("ingest_vs_verify", ">= 30% of the Ed25519 verify rate (all cores)", VerifyRatio, "ratio", VerifyRatio >= VerifyRatioTarget));
        return targets;
    }

    public IEnumerable<string> Lines()
    {
        yield return Gateways.Count > 1
            ? $"ledger bench: {RecordsPerPhase:N0} records per phase round-robin over {Gateways.Count} gateways of one cluster ({Shards} shards): {string.Join(", ", Gateways)}"
            : $"ledger bench: {RecordsPerPhase:N0} records per phase against {(Embedded ? "an embedded node" : "the gateway")} at {Gateway} ({Shards} shards)";
        yield return $"machine: {Machine}";
        yield return $"signed {Generated:N0} distinct records in {GenerateSeconds:0.0} s before timing; warm-up: {Generated - RecordsPerPhase * Phases.Count:N0} of them, then {JitSettleSeconds:0.0} s for the JIT to settle";
        yield return $"Ed25519 verify: {Verify.SingleCore:N0}/s on one core, {Verify.AllCores:N0}/s on all {Verify.Threads} cores";
        yield return "";
        yield return $"{"phase",-8} {"shape",-14} {"records/s",10} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"records",9} {"errors",7} {"proofs",11} {"cpu us/rec",10}";
        foreach (var p in Phases)
        {
            var shape = p.Mode == "batch" ? $"{p.BatchSize}x{p.Concurrency} inflight" : $"C={p.Concurrency}";
            yield return $"{p.Mode,-8} {shape,-14} {p.RecordsPerSecond,10:N0} {p.Latency.P50,8:0.0} {p.Latency.P90,8:0.0} {p.Latency.P99,8:0.0} {p.Latency.Max,8:0.0} {p.Accepted,9:N0} {p.Errors.Total,7:N0} {$"{p.Proofs.Verified}/{p.Proofs.Checked} ok",11} {p.CpuMicrosPerRecord,10:0}";
        }
        yield return "(latency: single = per record, submit to inclusion proof; batch = per batch request. cpu us/rec: this process's CPU time per record" +
            (Embedded ? ", node and client together)" : ", client only)");
        if (Gateways.Count > 1)
        {
            yield return "";
            yield return $"per gateway (the records/s above are the aggregate; each gateway's share of the same wall time):";
            yield return $"{"phase",-8} {"gateway",-24} {"records/s",10} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"records",9} {"failed",7}";
            foreach (var p in Phases)
                foreach (var g in p.PerGateway)
                    yield return $"{p.Mode,-8} {g.Gateway,-24} {g.RecordsPerSecond,10:N0} {g.Latency.P50,8:0.0} {g.Latency.P90,8:0.0} {g.Latency.P99,8:0.0} {g.Latency.Max,8:0.0} {g.Accepted,9:N0} {g.Failed,7:N0}";
        }
        foreach (var p in Phases.Where(p => p.Truncated))
            yield return $"note: {p.Mode} stopped at the duration limit after {p.Sent:N0} of {p.Planned:N0} records";
        foreach (var p in Phases)
            foreach (var (kind, count, detail) in p.Errors.Kinds())
                yield return $"error: {p.Mode}: {count} x {kind}: {detail}";
        foreach (var p in Phases.Where(p => p.Proofs.FirstProblem is not null))
            yield return $"PROOF FAILED: {p.Mode}: {p.Proofs.Failed} of {p.Proofs.Checked}: {p.Proofs.FirstProblem}";
        yield return Embedded
            ? $"log: {LeavesAdded:N0} leaves added for {Accepted:N0} accepted records ({(LeavesMatch ? "one leaf each" : "MISMATCH")})"
            : $"log: {LeavesAdded:N0} leaves added for {Accepted:N0} accepted records";
        yield return "";
        yield return "targets (DESIGN.md):";
        foreach (var t in Targets())
            yield return $"  {(t.Met ? "met   " : "MISSED")} {t.Goal,-45} {Format(t)}";
        yield return "";
        yield return Passed ? "Result: OK (every request answered, every sampled proof verified)" : "Result: FAILED";
    }

    private static JObject Latency(LatencyStats l, string per) => new()
    {
        { "per", per }, { "count", l.Count }, { "mean", Round(l.Mean, 3) },
        { "p50", Round(l.P50, 3) }, { "p90", Round(l.P90, 3) }, { "p99", Round(l.P99, 3) }, { "max", Round(l.Max, 3) },
    };

    public JObject ToJson()
    {
        var phases = Phases.Select(p => (JValue)WithGateways(p, new JObject
        {
            { "mode", p.Mode }, { "concurrency", p.Concurrency }, { "batch_size", p.BatchSize },
            { "planned", p.Planned }, { "sent", p.Sent }, { "accepted", p.Accepted }, { "errors", p.Errors.Total },
            { "error_kinds", new JArray(p.Errors.Kinds().Select(k => (JValue)new JObject { { "kind", k.Kind }, { "count", k.Count }, { "detail", k.Detail } }).ToList()) },
            { "seconds", Round(p.Seconds, 3) }, { "cpu_seconds", Round(p.CpuSeconds, 3) }, { "cpu_us_per_record", Round(p.CpuMicrosPerRecord, 1) }, { "jit_seconds", Round(p.JitSeconds, 3) }, { "records_per_s", Round(p.RecordsPerSecond, 1) }, { "truncated", p.Truncated },
            { "latency_ms", new JObject
                {
                    { "per", p.Mode == "batch" ? "batch" : "record" }, { "count", p.Latency.Count }, { "mean", Round(p.Latency.Mean, 3) },
                    { "p50", Round(p.Latency.P50, 3) }, { "p90", Round(p.Latency.P90, 3) }, { "p99", Round(p.Latency.P99, 3) }, { "max", Round(p.Latency.Max, 3) },
                } },
            { "proofs", new JObject
                {
                    { "checked", p.Proofs.Checked }, { "verified", p.Proofs.Verified }, { "failed", p.Proofs.Failed },
                    { "first_problem", p.Proofs.FirstProblem is { } problem ? problem : JNull.Instance },
                } },
        })).ToList();
        var report = new JObject
        {
            { "machine", new JObject
                {
                    { "cores", Machine.Cores }, { "cpu", Machine.Cpu }, { "runtime", Machine.Runtime }, { "os", Machine.Os }, { "gc", Machine.Gc },
                } },
            { "gateway", Gateway }, { "embedded", Embedded },
            { "shards", Shards }, { "records_per_phase", RecordsPerPhase },
            { "generated", Generated }, { "generate_seconds", Round(GenerateSeconds, 3) }, { "jit_settle_seconds", Round(JitSettleSeconds, 3) },
            { "ed25519_verify_per_s", new JObject { { "single_core", Round(Verify.SingleCore, 0) }, { "all_cores", Round(Verify.AllCores, 0) }, { "threads", Verify.Threads } } },
            { "phases", new JArray(phases) },
            { "log", new JObject { { "leaves_added", LeavesAdded }, { "accepted", Accepted }, { "one_leaf_per_record", LeavesMatch } } },
            { "ingest_vs_verify", Round(VerifyRatio, 4) },
            { "targets", new JArray(Targets().Select(t => (JValue)new JObject
                {
                    { "name", t.Name }, { "goal", t.Goal }, { "value", Round(t.Value, t.Unit == "ratio" ? 4 : 1) }, { "unit", t.Unit }, { "met", t.Met },
                }).ToList()) },
            { "passed", Passed },
        };
        return Gateways.Count > 1 ? new JObject(report.Members.SelectMany(m => m.Key == "gateway"
            ? [m, new KeyValuePair<string, JValue>("gateways", new JArray(Gateways.Select(g => (JValue)g).ToList()))]
            : new[] { m })) : report;
    }

    // Multi-gateway runs add each gateway's share to the phase; single-gateway JSON stays as it was.
    private JObject WithGateways(PhaseResult p, JObject phase)
    {
        if (Gateways.Count < 2) return phase;
        phase.Add("per_gateway", new JArray(p.PerGateway.Select(g => (JValue)new JObject
        {
            { "gateway", g.Gateway }, { "sent", g.Sent }, { "accepted", g.Accepted }, { "failed", g.Failed },
            { "records_per_s", Round(g.RecordsPerSecond, 1) }, { "latency_ms", Latency(g.Latency, p.Mode == "batch" ? "batch" : "record") },
        }).ToList()));
        return phase;
    }

    private static string Format(BenchTarget t) => t.Unit switch
    {
        "ratio" => t.Value.ToString("P1", CultureInfo.InvariantCulture),
        "ms" => t.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => t.Value.ToString("N0", CultureInfo.InvariantCulture) + " " + t.Unit,
    };

    private static double Round(double v, int digits) => Math.Round(v, digits);
}
