using BenchmarkDotNet.Attributes;
using LedgerCluster.Core.Audit;

namespace LedgerCluster.Benchmarks;

/// <summary>
/// A paired audit of two GSM8K-sized runs (2 x 1,319 items), bootstrap included (10,000 resamples).
/// Budget: under 50 ms. `dotnet run -c Release --project tests/LedgerCluster.Benchmarks -- --filter '*AuditBenchmarks*'`
/// </summary>
[MemoryDiagnoser]
public class AuditBenchmarks
{
    private const int Items = 1319;
    private PairedInput _a = null!;
    private PairedInput _b = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var a = new List<PairedItem>(Items);
        var b = new List<PairedItem>(Items);
        for (var i = 0; i < Items; i++)
        {
            var id = $"gsm8k-test-{i + 1:0000}";
            var cutA = random.NextDouble() < 0.2; // A truncated on ~20% of items, and wrong when it is
            a.Add(new PairedItem(id, !cutA && random.NextDouble() < 0.75, cutA ? "length" : "stop", cutA ? 300 : 200));
            b.Add(new PairedItem(id, random.NextDouble() < 0.7, "stop", 250));
        }
        _a = PairedInput.FromItems("A", a);
        _b = PairedInput.FromItems("B", b);
    }

    [Benchmark]
    public PairedAuditResult PairedAudit1319() => PairedAudit.Run(_a, _b, seed: 0);

    [Benchmark]
    public string PairedAudit1319WithReports()
    {
        var result = PairedAudit.Run(_a, _b, seed: 0);
        return result.ToMarkdown() + result.ToJson();
    }
}
