using System.Globalization;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// `ledger bench --stores`: each store's full report, then each phase's rate side by side with its ratio to SQLite's in the
/// same run, held to the scale-out target (Azure at least a third of SQLite). Missed targets are reported, not failed.
/// </summary>
public sealed record StoreComparison(IReadOnlyList<StoreReport> Stores)
{
    public const double RatioTarget = 1.0 / 3;

    public bool Passed => Stores.All(s => s.Report.Passed);

    /// <summary>Per phase: each store's records/s, and each store's ratio to SQLite (when SQLite ran).</summary>
    public IEnumerable<(string Phase, string Store, double RecordsPerSecond, double? RatioToSqlite)> Rates()
    {
        var sqlite = Stores.FirstOrDefault(s => s.Store == BenchStores.Sqlite)?.Report;
        foreach (var phase in Stores.SelectMany(s => s.Report.Phases.Select(p => p.Mode)).Distinct())
            foreach (var store in Stores)
                if (store.Report.Phases.FirstOrDefault(p => p.Mode == phase) is { } result)
                {
                    var baseline = sqlite?.Phases.FirstOrDefault(p => p.Mode == phase)?.RecordsPerSecond;
                    yield return (phase, store.Store, result.RecordsPerSecond, baseline is > 0 ? result.RecordsPerSecond / baseline : null);
                }
    }

    public IEnumerable<string> Lines()
    {
        foreach (var store in Stores)
        {
            yield return $"=== store: {store.Store} ===";
            foreach (var line in store.Report.Lines()) yield return line;
            yield return "";
        }
        yield return $"=== stores side by side (same records, same settings, one run) ===";
        yield return $"{"phase",-8} {"store",-8} {"records/s",10} {"p50 ms",8} {"p99 ms",8} {"vs sqlite",10}";
        foreach (var (phase, store, rate, ratio) in Rates())
        {
            var latency = Stores.First(s => s.Store == store).Report.Phases.First(p => p.Mode == phase).Latency;
            yield return $"{phase,-8} {store,-8} {rate,10:N0} {latency.P50,8:0.0} {latency.P99,8:0.0} {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-"),10}";
        }
        foreach (var (phase, store, _, ratio) in Rates().Where(r => r.Store != BenchStores.Sqlite && r.RatioToSqlite is not null))
            yield return $"  {(ratio >= RatioTarget ? "met   " : "MISSED")} {store} {phase} >= 1/3 of sqlite's rate: {ratio!.Value.ToString("P0", CultureInfo.InvariantCulture)}";
        yield return "";
        yield return Passed ? "Result: OK (every store: every request answered, every sampled proof verified)" : "Result: FAILED";
    }

    public JObject ToJson() => new()
    {
        { "stores", new JArray(Stores.Select(s =>
            {
                var report = s.Report.ToJson();
                return (JValue)new JObject(new[] { new KeyValuePair<string, JValue>("store", s.Store) }.Concat(report.Members));
            }).ToList()) },
        { "comparison", new JArray(Rates().Select(r =>
            {
                var row = new JObject { { "phase", r.Phase }, { "store", r.Store }, { "records_per_s", Math.Round(r.RecordsPerSecond, 1) } };
                if (r.RatioToSqlite is { } ratio)
                {
                    row.Add("ratio_to_sqlite", Math.Round(ratio, 4));
                    if (r.Store != BenchStores.Sqlite) row.Add("target_met", ratio >= RatioTarget);
                }
                return (JValue)row;
            }).ToList()) },
        { "passed", Passed },
    };
}
