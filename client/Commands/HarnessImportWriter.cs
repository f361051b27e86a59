using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Import;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// Writes an import all or nothing: records (ID.json) and benchmarks (benchmarks/ID/) go into a fresh folder beside
/// DIR first and are moved into place only once every file is written, so a failure leaves DIR as it was.
/// </summary>
public static class HarnessImportWriter
{
    public const string BenchmarksFolder = "benchmarks";

    /// <summary>Writes the import into <paramref name="outDir"/>; returns each run's record path and benchmark folder, in run order.</summary>
    public static IReadOnlyList<(string RecordPath, string BenchmarkPath)> Write(HarnessImport import, string outDir)
    {
        var target = Path.GetFullPath(outDir);
        var parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.import-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var run in import.Runs)
            {
                File.WriteAllText(Path.Combine(staging, run.Record.Id + ".json"), run.Record.ToFileText());
                if (written.Add(run.Benchmark.Id)) BenchmarkWriter.Write(run.Benchmark, Path.Combine(staging, BenchmarksFolder, run.Benchmark.Id));
            }
            if (!Directory.Exists(target)) Directory.Move(staging, target);
            else MoveInto(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return import.Runs.Select(r => (Path.Combine(outDir, r.Record.Id + ".json"), Path.Combine(outDir, BenchmarksFolder, r.Benchmark.Id))).ToList();
    }

    // DIR already exists (an earlier import): records are content-addressed, so a file of the same name has the same
    // content; a benchmark folder of the same id is replaced whole, so its tasks.jsonl and benchmark.yaml stay a pair.
    private static void MoveInto(string staging, string target)
    {
        foreach (var file in Directory.EnumerateFiles(staging)) File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        var benchmarks = Path.Combine(staging, BenchmarksFolder);
        if (!Directory.Exists(benchmarks)) return;
        var targetBenchmarks = Path.Combine(target, BenchmarksFolder);
        Directory.CreateDirectory(targetBenchmarks);
        foreach (var dir in Directory.EnumerateDirectories(benchmarks))
        {
            var destination = Path.Combine(targetBenchmarks, Path.GetFileName(dir));
            if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
            Directory.Move(dir, destination);
        }
    }
}
