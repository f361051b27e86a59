using System.Globalization;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// What `ledger bench --board-records N` measured: the fill, then each board endpoint's read latency idle, under ingest
/// at full speed, and idle again, with the issue's target (p99 under 100 ms with ingest running) and whether the board
/// held every accepted record.
/// </summary>
public sealed record BoardLoadResult(
    MachineInfo Machine,
    string Gateway,
    bool Embedded,
    int Shards,
    RecordMix Mix,
    int FillRecords,
    int Reserve,
    double SignSeconds,
    long RowsAtStart,
    PhaseResult Fill,
    long RowsAfterFill,
    BoardReadSet IdleBefore,
    BoardReadSet UnderIngest,
    PhaseResult Ingest,
    long RowsExpected,
    long RowsAfterIngest,
    BoardReadSet IdleAfter)
{
    public const double TargetP99Ms = 100;

    public IReadOnlyList<BoardReadSet> Sets => [IdleBefore, UnderIngest, IdleAfter];

    /// <summary>Every accepted record is on the board (exactly, on an embedded node where nobody else writes).</summary>
    public bool RowsMatch => Embedded ? RowsAfterIngest == RowsExpected : RowsAfterIngest >= RowsExpected;

    public int Errors => Fill.Errors.Total + Ingest.Errors.Total + Sets.Sum(s => s.Errors.Total);

    public bool Passed => Errors == 0 && RowsMatch && Fill.Accepted == FillRecords;

    public IEnumerable<BenchTarget> Targets() => BoardEndpoint.All.Select(e =>
    {
        var p99 = UnderIngest.Of(e).P99;
        return new BenchTarget($"board_{e.Key}_p99_under_ingest", $"{e.Label}: p99 < {TargetP99Ms:0} ms with ingest running", p99, "ms",
            UnderIngest.Of(e).Count > 0 && p99 < TargetP99Ms);
    });

    public IEnumerable<string> Lines()
    {
        yield return "";
        yield return $"board under load: {FillRecords:N0} records over {Mix.Benchmarks} benchmarks and {Mix.Models} models (one run in {Mix.OtherProtocolEvery} at another max_tokens) " +
                     $"into {(Embedded ? "an embedded node" : "the gateway")} at {Gateway} ({Shards} shards); {FillRecords + Reserve:N0} records signed in {SignSeconds:0.0} s";
        yield return $"fill: {Fill.Accepted:N0} accepted in {Fill.Seconds:0.0} s ({Fill.RecordsPerSecond:N0} records/s, {Fill.BatchSize} per batch, {Fill.Concurrency} in flight), {Fill.Errors.Total:N0} errors; " +
                     $"board rows {RowsAtStart:N0} -> {RowsAfterFill:N0}";
        yield return $"ingest while reading: {Ingest.Accepted:N0} records in {Ingest.Seconds:0.0} s ({Ingest.RecordsPerSecond:N0} records/s, {Ingest.Concurrency} batches in flight), {Ingest.Errors.Total:N0} errors; " +
                     $"board rows {RowsAfterFill:N0} -> {RowsAfterIngest:N0} (expected {RowsExpected:N0}: {(RowsMatch ? "all there" : "MISMATCH")})";
        yield return $"{"reads",-13} {"request",-30} {"count",6} {"p50 ms",9} {"p90 ms",9} {"p99 ms",9} {"max ms",9} {"errors",7} {"board rows",16}";
        foreach (var set in Sets)
            foreach (var e in BoardEndpoint.All)
            {
                var l = set.Of(e);
                var errors = set.Errors.Kinds().Where(k => k.Kind.StartsWith(e.Key + ":", StringComparison.Ordinal)).Sum(k => k.Count);
                yield return $"{set.Condition,-13} {e.Label,-30} {l.Count,6} {l.P50,9:0.0} {l.P90,9:0.0} {l.P99,9:0.0} {l.Max,9:0.0} {errors,7} {$"{set.FirstTotal:N0}-{set.LastTotal:N0}",16}";
            }
        if (!UnderIngest.Complete)
            yield return $"note: the reserve of {Reserve:N0} records ran low after {UnderIngest.Seconds:0.0} s, so fewer than {UnderIngest.Requested} reads ran under ingest";
        foreach (var set in Sets)
            foreach (var (kind, count, detail) in set.Errors.Kinds())
                yield return $"error: board {set.Condition}: {count} x {kind}: {detail}";
        foreach (var (phase, name) in new[] { (Fill, "fill"), (Ingest, "ingest") })
            foreach (var (kind, count, detail) in phase.Errors.Kinds())
                yield return $"error: board {name}: {count} x {kind}: {detail}";
        foreach (var t in Targets())
            yield return $"  {(t.Met ? "met   " : "MISSED")} {t.Goal,-62} {t.Value.ToString("0.0", CultureInfo.InvariantCulture)} ms";
        yield return Passed ? "Board: OK (every read answered a board, every accepted record on it)" : "Board: FAILED";
    }

    public JObject ToJson() => new()
    {
        { "machine", new JObject { { "cores", Machine.Cores }, { "cpu", Machine.Cpu }, { "runtime", Machine.Runtime }, { "os", Machine.Os }, { "gc", Machine.Gc } } },
        { "gateway", Gateway }, { "embedded", Embedded }, { "shards", Shards },
        { "records", FillRecords }, { "benchmarks", Mix.Benchmarks }, { "models", Mix.Models }, { "reserve", Reserve }, { "sign_seconds", Math.Round(SignSeconds, 3) },
        { "fill", Phase(Fill) },
        { "ingest_while_reading", Phase(Ingest) },
        { "rows", new JObject
            {
                { "at_start", RowsAtStart }, { "after_fill", RowsAfterFill }, { "expected_after_ingest", RowsExpected }, { "after_ingest", RowsAfterIngest }, { "match", RowsMatch },
            } },
        { "reads", new JObject { { "idle_before", IdleBefore.ToJson() }, { "under_ingest", UnderIngest.ToJson() }, { "idle_after", IdleAfter.ToJson() } } },
        { "targets", new JArray(Targets().Select(t => (JValue)new JObject
            {
                { "name", t.Name }, { "goal", t.Goal }, { "value", Math.Round(t.Value, 1) }, { "unit", t.Unit }, { "met", t.Met },
            }).ToList()) },
        { "passed", Passed },
    };

    private static JObject Phase(PhaseResult p) => new()
    {
        { "planned", p.Planned }, { "sent", p.Sent }, { "accepted", p.Accepted }, { "errors", p.Errors.Total }, { "seconds", Math.Round(p.Seconds, 3) },
        { "records_per_s", Math.Round(p.RecordsPerSecond, 1) }, { "batch_size", p.BatchSize }, { "batches_in_flight", p.Concurrency },
        { "batch_latency_ms", new JObject { { "p50", Math.Round(p.Latency.P50, 3) }, { "p99", Math.Round(p.Latency.P99, 3) }, { "max", Math.Round(p.Latency.Max, 3) } } },
    };
}
