using BenchmarkDotNet.Attributes;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Import.LmEval;
using LedgerCluster.Tests.Shared.Import;

namespace LedgerCluster.Benchmarks;

/// <summary>
/// `ledger import lm-eval` of a 5,000-item samples file made from the real math_perturbed_full rows in
/// ../shared/harness-data: read, per-row lm-eval hash checks, mapping, benchmark hash, signing, and writing the record
/// and the benchmark. Budget (issue 14): under 2 s.
/// `dotnet run -c Release --project tests/LedgerCluster.Benchmarks -- --filter '*HarnessImportBenchmarks*'`
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class HarnessImportBenchmarks
{
    private const int Items = 5000;
    private string _directory = null!;
    private string _results = null!;
    private string _samples = null!;
    private Ed25519KeyPair _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        var shared = FindShared() ?? throw new InvalidOperationException("../shared/harness-data is absent: this benchmark needs the real lm-eval rows");
        _directory = Path.Combine(Path.GetTempPath(), "ledger-import-bench-" + Guid.NewGuid().ToString("N")[..8]);
        (_results, _samples) = LmEvalSamplesScaler.Write(shared, _directory, Items);
        _key = Ed25519KeyPair.Generate();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int ImportLmEval5000Items()
    {
        var import = LmEvalImporter.Import(_results, [_samples], _key);
        var run = import.Runs[0];
        if (run.ItemsRecorded != Items) throw new InvalidOperationException($"imported {run.ItemsRecorded} items, expected {Items}");
        var output = Path.Combine(_directory, "out");
        File.WriteAllText(Path.Combine(_directory, run.Record.Id + ".json"), run.Record.ToFileText());
        BenchmarkWriter.Write(run.Benchmark, Path.Combine(output, run.Benchmark.Id));
        return run.Record.Body.Results.Count;
    }

    private static string? FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "LedgerCluster.sln"))) continue;
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            return Directory.Exists(Path.Combine(candidate, "harness-data")) ? candidate : null;
        }
        return null;
    }
}
