using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Import.Eee;
using LedgerCluster.Core.Import.Helm;
using LedgerCluster.Core.Import.Inspect;
using LedgerCluster.Core.Import.LmEval;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Traces;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger import traces FILE... --key K --out DIR`: trace-pipeline rollout branches and compliance attempts become
/// signed run records (ID.json) on a synthetic benchmark of their prompts (written to DIR/benchmark), ready for
/// `ledger submit` or `ledger export --records DIR`. `ledger import lm-eval|eee|inspect|helm` turn a harness's own output into one
/// signed verievals record per evaluated task (see docs/harness-import.md).
/// </summary>
public static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("import", "Import evaluation data from other tools as signed run records");
        command.Subcommands.Add(Traces(console));
        command.Subcommands.Add(LmEval(console));
        command.Subcommands.Add(Eee(console));
        command.Subcommands.Add(Inspect(console));
        command.Subcommands.Add(Helm(console));
        return command;
    }

    private static Command LmEval(CliConsole console)
    {
        var results = new Argument<string>("RESULTS.json") { Description = "lm-eval results_<date>.json (written with --output_path and --log_samples)" };
        var samples = new Option<string[]>("--samples", "-s")
        {
            Description = "samples_<task>_<date>.jsonl files to import (default: every task's samples file beside RESULTS.json; with this option, only the tasks given)",
            AllowMultipleArgumentsPerToken = true,
        };
        return HarnessImportCommand.Create(console, "lm-eval",
            "Import an lm-evaluation-harness run: one signed record per task and filter, with per-item prompt, output,\n" +
            "expected answer and score; lm-eval's doc/prompt/target hashes and task hash are checked and reported.",
            [results, samples],
            (parse, key, signer) => LmEvalImporter.Import(parse.GetRequiredValue(results), parse.GetValue(samples), key, signer));
    }

    private static Command Inspect(CliConsole console)
    {
        var log = new Argument<string>("LOG") { Description = "Inspect log: a .eval file or a .json log" };
        return HarnessImportCommand.Create(console, "inspect",
            "Import an Inspect log (.eval or .json): one signed record per scorer, with per-sample prompt, output, target\n" +
            "and score; stop reasons, output tokens and times per sample are kept in the hashed model.params.item_facts.",
            [log],
            (parse, key, signer) => InspectImporter.Import(parse.GetRequiredValue(log), key, signer));
    }

    private static Command Helm(CliConsole console)
    {
        var runDir = new Argument<string>("RUN_DIR") { Description = "HELM run directory (benchmark_output/runs/<suite>/<run>/ with run_spec.json, scenario_state.json, per_instance_stats.json)" };
        var metric = new Option<string>("--metric") { Description = "Per-instance stat that becomes each item's score", DefaultValueFactory = _ => HelmImporter.DefaultMetric };
        return HarnessImportCommand.Create(console, "helm",
            "Import a HELM run directory: one signed record per split, with per-instance prompt as sent, completion,\n" +
            "correct reference and the chosen per-instance metric; output tokens and request times in model.params.item_facts.",
            [runDir, metric],
            (parse, key, signer) => HelmImporter.Import(parse.GetRequiredValue(runDir), key, parse.GetValue(metric), signer));
    }

    private static Command Eee(CliConsole console)
    {
        var aggregate = new Argument<string>("AGGREGATE.json") { Description = "Every Eval Ever v0.3.0 aggregate (<uuid>.json)" };
        var sidecar = new Option<string?>("--samples", "-s") { Description = "The instance sidecar (<uuid>_samples.jsonl; default: the file the aggregate names, beside it)" };
        return HarnessImportCommand.Create(console, "eee",
            "Import an Every Eval Ever aggregate and its instance sidecar: one signed record per evaluation, with per-item\n" +
            "results; the sidecar checksum and total_rows are checked and reported.",
            [aggregate, sidecar],
            (parse, key, signer) => EeeImporter.Import(parse.GetRequiredValue(aggregate), parse.GetValue(sidecar), key, signer));
    }

    private static Command Traces(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = $"Trace JSONL files ({TraceReader.Rollout} or {TraceReader.Compliance} lines)", Arity = ArgumentArity.OneOrMore };
        var key = new Option<string>("--key", "-k") { Description = "Private key file (.key) to sign the records with", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Directory for the records (ID.json) and the synthetic benchmark (benchmark/)", Required = true };
        var benchmarkId = new Option<string>("--benchmark-id") { Description = "Id of the synthetic benchmark of the trace prompts", DefaultValueFactory = _ => "traces" };
        var json = CommonOptions.Json();
        var command = new Command("traces",
            "Turn trace-pipeline attempts into signed run records: each rollout branch or compliance attempt is one record with\n" +
            "one result (passed as the trace says) on a synthetic benchmark whose tasks are the prompts, so attempts at the\n" +
            "same prompt are the same task: a failed and a passing attempt become a DPO pair, the passing one an SFT example.")
        {
            files, key, output, benchmarkId, json,
        };
        command.SetAction(parse =>
        {
            var signingKey = Inputs.Key(parse.GetRequiredValue(key));
            TraceImport import;
            try { import = TraceImporter.Import(parse.GetRequiredValue(files).SelectMany(TraceReader.ReadFile).ToList(), signingKey, parse.GetRequiredValue(benchmarkId)); }
            catch (TraceFormatException e) { throw new CliException(e.Message); }
            catch (ArgumentException e) { throw new CliException($"--benchmark-id: {e.Message}"); }
            var dir = parse.GetRequiredValue(output);
            Directory.CreateDirectory(dir);
            foreach (var record in import.Records) File.WriteAllText(Path.Combine(dir, record.Id + ".json"), record.ToFileText());
            var benchmarkDir = Path.Combine(dir, "benchmark");
            BenchmarkWriter.Write(import.Benchmark, benchmarkDir);
            var passed = import.Records.Count(r => r.Body.Results[0].Passed);
            if (parse.GetValue(json))
            {
                console.WriteJson(new JObject
                {
                    { "attempts", import.Attempts }, { "records", import.Records.Count }, { "passed", passed },
                    { "benchmark", new JObject { { "id", import.Benchmark.Id }, { "version", import.Benchmark.Version }, { "content_hash", import.Benchmark.ContentHash() }, { "tasks", import.Benchmark.Tasks.Count }, { "path", benchmarkDir } } },
                    { "record_ids", new JArray(import.Records.Select(r => (JValue)r.Id).ToList()) },
                });
            }
            else
            {
                console.Out.WriteLine($"Imported {import.Attempts} attempts as {import.Records.Count} signed records ({passed} passed) into {dir}");
                console.Out.WriteLine($"Benchmark {import.Benchmark.Id}@{import.Benchmark.Version}: {import.Benchmark.Tasks.Count} tasks, content hash {import.Benchmark.ContentHash()} ({benchmarkDir})");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
