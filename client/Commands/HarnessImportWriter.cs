using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Import;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// Writes an import all or nothing: records (ID.json) and benchmarks (benchmarks/ID@VERSION/) go into a fresh folder beside
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
        var paths = new List<(string, string)>();
        try
        {
            Directory.CreateDirectory(staging);
            var folders = new Dictionary<string, string>(StringComparer.Ordinal); // content hash -> folder name
            foreach (var run in import.Runs)
            {
                File.WriteAllText(Path.Combine(staging, run.Record.Id + ".json"), run.Record.ToFileText());
                var hash = run.Benchmark.ContentHash();
                if (!folders.TryGetValue(hash, out var folder))
                {
                    folder = FolderName(run.Benchmark, hash, target, folders.Values);
                    folders.Add(hash, folder);
                    BenchmarkWriter.Write(run.Benchmark, Path.Combine(staging, BenchmarksFolder, folder));
                }
                paths.Add((Path.Combine(outDir, run.Record.Id + ".json"), Path.Combine(outDir, BenchmarksFolder, folder)));
            }
            if (!Directory.Exists(target)) Directory.Move(staging, target);
            else MoveInto(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return paths;
    }

    /// <summary>
    /// <c>&lt;id&gt;@&lt;version&gt;</c>; when that name already holds other items (an earlier import into DIR, or another
    /// filter's rows of a cut file in this one), the first 12 hex digits of the content hash are appended, so no record
    /// loses the benchmark it pins.
    /// </summary>
    private static string FolderName(Benchmark benchmark, string hash, string target, IEnumerable<string> taken)
    {
        var name = $"{benchmark.Id}@{benchmark.Version}";
        var existing = Path.Combine(target, BenchmarksFolder, name);
        var clash = taken.Contains(name, StringComparer.Ordinal) || (Directory.Exists(existing) && !SameHash(existing, hash));
        return clash ? $"{name}.{hash[..12]}" : name;
    }

    private static bool SameHash(string folder, string hash)
    {
        try { return BenchmarkLoader.Load(folder).ContentHash() == hash; }
        catch (Exception e) when (e is IOException or BenchmarkFormatException or ArgumentException or UnauthorizedAccessException) { return false; }
    }

    // DIR already exists (an earlier import): records are content-addressed, so a file of the same name has the same
    // content, and a benchmark folder of the same name holds the same items (FolderName), so replacing it changes nothing.
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
