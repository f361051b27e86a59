using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Models;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Runner;

namespace LedgerCluster.Client.Commands;

/// <summary>`ledger run --benchmark DIR --model SPEC --key K`: run a benchmark and write a signed record.</summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var benchmark = new Option<string>("--benchmark", "-b") { Description = "Benchmark directory (benchmark.yaml + tasks.jsonl)", Required = true };
        var model = new Option<string>("--model", "-m") { Description = "echo | fixture:PATH | ollama[:tag] | openai[:model] | anthropic[:model]", Required = true };
        var key = new Option<string>("--key", "-k") { Description = "Signing key file (.key, hex seed)", Required = true };
        var seed = new Option<long>("--seed") { Description = "Run seed, recorded and sent to models that accept one", DefaultValueFactory = _ => 0 };
        var limit = new Option<long?>("--limit") { Description = "Run only the first N tasks" };
        var scorer = new Option<string?>("--scorer") { Description = "Override the benchmark's scorer (exact_match, regex_match, numeric, gsm8k)" };
        var output = new Option<string>("--out", "-o") { Description = "Record file, or a directory to write <record id>.json into", DefaultValueFactory = _ => "records" };
        var capture = new Option<string?>("--capture") { Description = "Also save prompt->output pairs as a fixture, so the run can be replayed offline" };
        var signer = new Option<string?>("--signer") { Description = "Signer name for the envelope" };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight for remote models", DefaultValueFactory = _ => 4 };
        var json = CommonOptions.Json();
        var modelFlags = new ModelFlags();
        var command = new Command("run", "Run a benchmark against a model and write a signed run record")
        {
            benchmark, model, key, seed, limit, scorer, output, capture, signer, concurrency, json,
        };
        modelFlags.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var bench = Inputs.Benchmark(parse.GetRequiredValue(benchmark), console);
            using var signingKey = Inputs.Key(parse.GetRequiredValue(key));
            IModel adapter = modelFlags.Create(parse, parse.GetRequiredValue(model), parse.GetValue(seed));
            var capturing = parse.GetValue(capture) is not null ? new FixtureCapture(adapter) : null;
            var options = new RunOptions
            {
                Seed = parse.GetValue(seed), Limit = parse.GetValue(limit), Scorer = parse.GetValue(scorer), Concurrency = parse.GetValue(concurrency),
            };
            RecordBody body;
            try
            {
                body = await ProgressReporter.RunAsync(console, $"{bench.Id}@{bench.Version}",
                    progress => EvalRunner.RunAsync(bench, capturing ?? adapter, options, progress, cancel));
            }
            catch (ModelException e) { throw new CliException($"the model failed: {e.Message}"); }
            catch (ArgumentException e) { throw new CliException(e.Message); }

            var record = RunRecord.Create(body, signingKey, parse.GetValue(signer));
            var path = RecordPath(parse.GetValue(output)!, record.Id);
            await File.WriteAllTextAsync(path, record.ToFileText(), cancel);
            if (capturing is not null) capturing.Save(parse.GetValue(capture)!);

            var agg = record.Body.Aggregate;
            if (parse.GetValue(json))
                console.WriteJson(new JObject
                {
                    { "record_id", record.Id }, { "path", path }, { "benchmark", $"{bench.Id}@{bench.Version}" },
                    { "model", $"{body.Model.Provider}:{body.Model.Name}" }, { "accuracy", agg.Accuracy }, { "passed", (long)agg.Passed }, { "tasks", agg.NumTasks },
                });
            else
            {
                console.Out.WriteLine($"Record {record.Id}");
                console.Out.WriteLine($"  {bench.Id}@{bench.Version} with {body.Model.Provider}:{body.Model.Name}: {agg.Passed:0}/{agg.NumTasks} passed, accuracy {agg.Accuracy:0.0000}");
                console.Out.WriteLine($"  written to {path}");
                if (capturing is not null) console.Out.WriteLine($"  fixture of {capturing.Count} outputs written to {parse.GetValue(capture)}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string RecordPath(string output, string id)
    {
        if (output.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(output));
            if (dir is not null) Directory.CreateDirectory(dir);
            return output;
        }
        Directory.CreateDirectory(output);
        return Path.Combine(output, id + ".json");
    }
}
