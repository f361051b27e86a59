using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LedgerCluster.Client.Bench;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Export;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger bench export`: writes signed records holding N task results to a temporary directory (untimed), then times
/// `ledger export --records` over them in each format and reports results/s with the peak working set and managed heap.
/// Run it at two sizes to see which formats' memory stays flat (SFT, ShareGPT) and what DPO's pairing index costs.
/// </summary>
public static class ExportBenchCommand
{
    public static Command Create(CliConsole console)
    {
        var results = new Option<int>("--results", "-n") { Description = "Task results in the generated records", DefaultValueFactory = _ => 100_000 };
        var perRecord = new Option<int>("--per-record") { Description = "Task results per record", DefaultValueFactory = _ => 100 };
        var json = CommonOptions.Json();
        var command = new Command("export", "Measure the training export: time and peak memory for N task results per format") { results, perRecord, json };
        command.SetAction(async (parse, cancel) =>
        {
            var total = parse.GetValue(results);
            var size = parse.GetValue(perRecord);
            if (total < 1 || total > 10_000_000) throw new CliException($"--results: must be between 1 and 10,000,000, got {total}");
            if (size < 1 || size > 10_000) throw new CliException($"--per-record: must be between 1 and 10,000, got {size}");
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ledger-bench-export-" + Guid.NewGuid().ToString("N")[..12])).FullName;
            try
            {
                var records = Generate(dir, total, size);
                var rows = new List<JObject>();
                foreach (var format in Enum.GetValues<ExportFormat>())
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    var clock = Stopwatch.StartNew();
                    ExportSummary summary;
                    long workingSet, heap;
                    using (var sampler = new PeakMemorySampler())
                    {
                        var source = RecordsDirectorySource.Open(dir, null, null);
                        await using (var output = new FileStream(Path.Combine(dir, "out.jsonl"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                            summary = await TrainingExporter.ExportAsync(source.ReadAsync(cancel), new ExportOptions { Format = format, MinTier = TrustTier.Signed }, output, cancel: cancel);
                        clock.Stop();
                        (workingSet, heap) = (sampler.PeakWorkingSet, sampler.PeakManagedHeap);
                    }
                    var seconds = clock.Elapsed.TotalSeconds;
                    rows.Add(new JObject
                    {
                        { "format", ExportFormats.Name(format) }, { "records", summary.Records }, { "results", summary.Results }, { "examples", summary.Examples },
                        { "seconds", Math.Round(seconds, 3) }, { "results_per_second", Math.Round(summary.Results / seconds) },
                        { "peak_working_set_mb", Math.Round(workingSet / 1048576.0, 1) }, { "peak_managed_heap_mb", Math.Round(heap / 1048576.0, 1) },
                    });
                }
                var report = new JObject { { "machine", MachineInfo.Current().ToString() }, { "records", records }, { "results", total }, { "phases", new JArray(rows.Select(r => (JValue)r).ToList()) } };
                if (parse.GetValue(json)) console.WriteJson(report);
                else
                {
                    console.Out.WriteLine($"export bench: {total:N0} task results in {records:N0} signed records (offline, --min-tier signed); {MachineInfo.Current()}");
                    foreach (var r in rows)
                        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {((JString)r["format"]!).Value,-8} {Num(r, "examples"),9:N0} examples  {Num(r, "seconds"),7:0.000} s  {Num(r, "results_per_second"),9:N0} results/s  peak working set {Num(r, "peak_working_set_mb"),6:0.0} MB  managed heap {Num(r, "peak_managed_heap_mb"),6:0.0} MB"));
                }
                return ExitCodes.Ok;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        });
        return command;
    }

    private static double Num(JObject row, string key) => row[key] switch
    {
        JInteger i => (double)i.Value,
        JFloat f => f.Value,
        _ => 0,
    };

    // One benchmark of `perRecord` prompts; task i passes in run n unless (i + n) % 3 == 0, when it gives a run-specific
    // wrong answer: every task has passed and failed outputs, so DPO pairs (and spills) as much as it ever will.
    private static int Generate(string dir, int total, int perRecord)
    {
        using var key = Ed25519KeyPair.FromSeed(ContentHash.Sha256("bench export"u8));
        var benchmark = new BenchmarkRef("bench-export", "1", ContentHash.Sha256Hex("bench-export"));
        var records = 0;
        for (var done = 0; done < total; done += perRecord, records++)
        {
            var n = records;
            var results = Enumerable.Range(0, Math.Min(perRecord, total - done)).Select(i => (i + n) % 3 == 0
                ? new TaskResult($"t{i}", $"Question {i}: what is {i} times {i + 1}? Show your reasoning.", $"I think it is {i * (i + 1) + n + 1}.", $"{i * (i + 1)}", 0.0, false)
                : new TaskResult($"t{i}", $"Question {i}: what is {i} times {i + 1}? Show your reasoning.", $"{i} times {i + 1} is {i * (i + 1)}.", $"{i * (i + 1)}", 1.0, true)).ToList();
            var body = RecordBody.Create(benchmark, new ModelInfo("bench", "m", "1", new JObject { { "run", n } }), new RunnerConfig(n, null), results, "numeric");
            var record = RunRecord.Create(body, key, "bench", DateTimeOffset.UnixEpoch);
            File.WriteAllText(Path.Combine(dir, record.Id + ".json"), record.ToFileText());
        }
        return records;
    }
}
