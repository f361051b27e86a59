using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger benchmark import-gsm8k|hash|register`: turn the official GSM8K file into a benchmark; print a benchmark's content
/// hash; register it with a cluster so it can reproduce records made on it.
/// </summary>
public static class BenchmarkCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("benchmark", "Work with benchmark directories");
        command.Subcommands.Add(ImportGsm8k(console));
        command.Subcommands.Add(Hash(console));
        command.Subcommands.Add(Register(console));
        return command;
    }

    private static Command ImportGsm8k(CliConsole console)
    {
        var input = new Option<string>("--input", "-i") { Description = "Official GSM8K JSONL (question / answer with '#### N')", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Benchmark directory to write", Required = true };
        var id = new Option<string>("--id") { DefaultValueFactory = _ => "gsm8k-full" };
        var version = new Option<string>("--version") { DefaultValueFactory = _ => "test-1.0.0" };
        var json = CommonOptions.Json();
        var command = new Command("import-gsm8k", "Import the official GSM8K JSONL as a benchmark directory") { input, output, id, version, json };
        command.SetAction(parse =>
        {
            var source = parse.GetRequiredValue(input);
            if (!File.Exists(source)) throw new CliException($"--input: file not found: {source}");
            Benchmark benchmark;
            try { benchmark = Gsm8kImporter.Import(source, parse.GetRequiredValue(output), parse.GetRequiredValue(id), parse.GetRequiredValue(version)); }
            catch (BenchmarkFormatException e) { throw new CliException(e.Message); }
            Print(console, benchmark, parse.GetValue(json), $"Imported {benchmark.Tasks.Count} tasks into {parse.GetRequiredValue(output)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Hash(CliConsole console)
    {
        var dir = new Argument<string>("DIR") { Description = "Benchmark directory" };
        var json = CommonOptions.Json();
        var command = new Command("hash", "Print a benchmark's content hash (what records pin)") { dir, json };
        command.SetAction(parse =>
        {
            var benchmark = Inputs.Benchmark(parse.GetRequiredValue(dir), console);
            Print(console, benchmark, parse.GetValue(json), null);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Register(CliConsole console)
    {
        var dir = new Argument<string>("DIR") { Description = "Benchmark directory" };
        var gateway = GatewayOption.Create(required: true);
        var json = CommonOptions.Json();
        var command = new Command("register", "Register a benchmark with a cluster (first registration of an id@version wins), so it can re-run records made on it")
        {
            dir, gateway, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var benchmark = Inputs.Benchmark(parse.GetRequiredValue(dir), console);
            var url = parse.GetRequiredValue(gateway);
            using var client = GatewayOption.Connect(url);
            try { await GatewayOption.Call(url, () => client.RegisterBenchmarkAsync(benchmark, cancel)); }
            catch (GatewayException e) { throw new CliException($"the gateway refused {benchmark.Id}@{benchmark.Version}: {(int)e.Status} {e.Error}: {e.Detail}"); }
            Print(console, benchmark, parse.GetValue(json), $"Registered with {url}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(CliConsole console, Benchmark benchmark, bool json, string? headline)
    {
        if (json)
        {
            console.WriteJson(new JObject
            {
                { "id", benchmark.Id }, { "version", benchmark.Version }, { "scorer", benchmark.Scorer },
                { "tasks", benchmark.Tasks.Count }, { "content_hash", benchmark.ContentHash() },
            });
            return;
        }
        if (headline is not null) console.Out.WriteLine(headline);
        console.Out.WriteLine($"{benchmark.Id}@{benchmark.Version}: {benchmark.Tasks.Count} tasks, scorer {benchmark.Scorer}");
        console.Out.WriteLine($"content hash {benchmark.ContentHash()}");
    }
}
