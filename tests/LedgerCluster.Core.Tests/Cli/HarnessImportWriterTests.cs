using LedgerCluster.Client.Commands;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Cli;

public sealed class HarnessImportWriterTests
{
    private static ImportedRun Run(Ed25519KeyPair key, params string[] prompts)
    {
        var results = prompts.Select((p, i) => new TaskResult(i.ToString(), p, "out", "exp", 0.0, false)).ToList();
        var (benchmark, record) = ImportedRecordAssembler.Assemble("lm-eval-x", "1.0-partial-2of9", "test", new ModelInfo("p", "m", "v", new JObject()),
            new RunnerConfig(0, null), results, "lm-eval:acc,none", key, null, null);
        return new ImportedRun("x", benchmark, record, results.Count, 9, [], [], []);
    }

    [Fact]
    public void Benchmarks_of_one_name_with_other_items_get_their_own_folder_and_every_record_keeps_its_own()
    {
        using var dir = new TempDir();
        using var key = Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);
        var first = Run(key, "a", "b");
        var second = Run(key, "c", "d");
        var out1 = HarnessImportWriter.Write(new HarnessImport("lm-eval", [first], []), dir.File("out"));
        var out2 = HarnessImportWriter.Write(new HarnessImport("lm-eval", [second, Run(key, "a", "b")], []), dir.File("out"));
        Assert.Equal(dir.File(Path.Combine("out", "benchmarks", "lm-eval-x@1.0-partial-2of9")), out1[0].BenchmarkPath);
        Assert.Equal(out1[0].BenchmarkPath + "." + second.Benchmark.ContentHash()[..12], out2[0].BenchmarkPath);
        Assert.Equal(out1[0].BenchmarkPath, out2[1].BenchmarkPath);
        Assert.Equal(first.Record.Body.Benchmark.ContentHash, BenchmarkLoader.Load(out1[0].BenchmarkPath).ContentHash());
        Assert.Equal(second.Record.Body.Benchmark.ContentHash, BenchmarkLoader.Load(out2[0].BenchmarkPath).ContentHash());
        Assert.Equal(2, Directory.GetFiles(dir.File("out"), "*.json").Length);
        Assert.Single(Directory.GetDirectories(dir.Path));
    }
}
