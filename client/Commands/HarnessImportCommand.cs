using System.CommandLine;
using System.Globalization;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Import;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// The shared part of `ledger import lm-eval|eee|...`: --key, --out, --gateway and --json, writing the records and
/// benchmarks all or nothing, submitting them when asked, and printing the summary (items n of N, the harness's own
/// integrity checks, source aggregates next to what the items give, what was not imported).
/// </summary>
public static class HarnessImportCommand
{
    public static Command Create(CliConsole console, string name, string description, IReadOnlyList<Symbol> inputs,
        Func<ParseResult, Ed25519KeyPair, string?, HarnessImport> import)
    {
        var key = new Option<string>("--key", "-k") { Description = "Private key file (.key) to sign the records with", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Directory for the records (ID.json) and the benchmarks of their items (benchmarks/ID@VERSION/)", Required = true };
        var signer = new Option<string?>("--signer") { Description = "Signer name for the records' envelopes" };
        var gateway = GatewayOption.Create(required: false);
        gateway.Description = "Also submit each record to this gateway and print where it was logged and its tier";
        var json = CommonOptions.Json();
        var command = new Command(name, description);
        foreach (var input in inputs)
        {
            if (input is Argument argument) command.Arguments.Add(argument);
            else if (input is Option option) command.Options.Add(option);
        }
        command.Options.Add(key);
        command.Options.Add(output);
        command.Options.Add(signer);
        command.Options.Add(gateway);
        command.Options.Add(json);
        command.SetAction(async (parse, cancel) =>
        {
            using var signingKey = Inputs.Key(parse.GetRequiredValue(key));
            HarnessImport result;
            try { result = import(parse, signingKey, parse.GetValue(signer)); }
            catch (ImportFormatException e) { throw new CliException(e.Message); }
            var outDir = parse.GetRequiredValue(output);
            var paths = HarnessImportWriter.Write(result, outDir);
            IReadOnlyList<Submission>? submissions = null;
            if (parse.GetValue(gateway) is { } url)
            {
                using var client = GatewayOption.Connect(url);
                submissions = await GatewayOption.Call(url, async () =>
                {
                    var list = new List<Submission>();
                    foreach (var run in result.Runs) list.Add(await client.SubmitAsync(System.Text.Encoding.UTF8.GetBytes(run.Record.ToFileText()), cancel: cancel));
                    return (IReadOnlyList<Submission>)list;
                });
            }
            if (parse.GetValue(json)) console.WriteJson(ToJson(result, outDir, paths, submissions));
            else foreach (var line in Lines(result, outDir, paths, submissions)) console.Out.WriteLine(line);
            return submissions is null || submissions.All(s => s.Accepted) ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    private static IEnumerable<string> Lines(HarnessImport result, string outDir, IReadOnlyList<(string RecordPath, string BenchmarkPath)> paths, IReadOnlyList<Submission>? submissions)
    {
        yield return $"Imported {result.Runs.Count} {result.Harness} run{(result.Runs.Count == 1 ? "" : "s")} as signed record{(result.Runs.Count == 1 ? "" : "s")} into {outDir}";
        for (var i = 0; i < result.Runs.Count; i++)
        {
            var run = result.Runs[i];
            var aggregate = run.Record.Body.Aggregate;
            yield return $"  {run.Task}: {run.Coverage}, accuracy {F(aggregate.Accuracy)} ({aggregate.Passed:0} passed), record {run.Record.Id[..12]}";
            yield return $"    record {paths[i].RecordPath}";
            yield return $"    benchmark {run.Benchmark.Id}@{run.Benchmark.Version}: {run.Benchmark.Tasks.Count} task{(run.Benchmark.Tasks.Count == 1 ? "" : "s")}, content hash {run.Benchmark.ContentHash()} ({paths[i].BenchmarkPath})";
            yield return run.Checks.Count == 0
                ? "    checks: none (the source carries no hashes or checksums of its own)"
                : "    checks: " + string.Join("; ", run.Checks.Select(c => c.ToString()));
            foreach (var source in run.SourceAggregates)
                yield return source.ItemValue is { } item
                    ? $"    source {source.Metric} {F(source.SourceValue)}, items give {F(item)}{(source.Agrees ? "" : run.Partial ? " (partial file)" : " (differs)")}"
                    : $"    source {source.Metric} {F(source.SourceValue)}, no per-item score";
            foreach (var note in run.Notes) yield return $"    note: {note}";
            if (submissions?[i] is { } s)
                yield return s.Accepted
                    ? $"    submitted: shard {s.Shard} index {s.Index} ({s.Tier}{(s.Duplicate ? ", already logged" : "")})"
                    : $"    submitted: REFUSED {s.Status} {s.Error}: {s.Detail}";
        }
        foreach (var skipped in result.NotImported) yield return $"  not imported: {skipped}";
    }

    private static JObject ToJson(HarnessImport result, string outDir, IReadOnlyList<(string RecordPath, string BenchmarkPath)> paths, IReadOnlyList<Submission>? submissions)
    {
        var runs = new List<JValue>();
        for (var i = 0; i < result.Runs.Count; i++)
        {
            var run = result.Runs[i];
            var aggregate = run.Record.Body.Aggregate;
            var entry = new JObject
            {
                { "task", run.Task },
                { "record_id", run.Record.Id },
                { "record_path", paths[i].RecordPath },
                { "schema_version", run.Record.Body.SchemaVersion },
                { "benchmark", new JObject { { "id", run.Benchmark.Id }, { "version", run.Benchmark.Version }, { "content_hash", run.Benchmark.ContentHash() }, { "tasks", run.Benchmark.Tasks.Count }, { "path", paths[i].BenchmarkPath } } },
                { "items", new JObject { { "recorded", run.ItemsRecorded }, { "in_task", run.ItemsInTask is { } n ? n : JNull.Instance }, { "partial", run.Partial } } },
                { "scorer", aggregate.Scorer },
                { "accuracy", aggregate.Accuracy },
                { "passed", aggregate.Passed },
                { "checks", new JArray(run.Checks.Select(c => (JValue)new JObject { { "name", c.Name }, { "status", c.Status }, { "passed", c.Passed is { } p ? p : JNull.Instance }, { "detail", c.Detail } }).ToList()) },
                { "source_aggregates", new JArray(run.SourceAggregates.Select(a => (JValue)new JObject { { "metric", a.Metric }, { "source", a.SourceValue }, { "items", a.ItemValue is { } v ? v : JNull.Instance }, { "agrees", a.Agrees } }).ToList()) },
                { "notes", new JArray(run.Notes.Select(n => (JValue)n).ToList()) },
            };
            if (submissions?[i] is { } s)
                entry.Add("submission", s.Accepted
                    ? new JObject { { "status", s.Status }, { "shard", s.Shard }, { "index", s.Index }, { "tier", s.Tier ?? "" }, { "duplicate", s.Duplicate } }
                    : new JObject { { "status", s.Status }, { "error", s.Error ?? "" }, { "detail", s.Detail ?? "" } });
            runs.Add(entry);
        }
        return new JObject
        {
            { "harness", result.Harness }, { "out", outDir }, { "runs", new JArray(runs) },
            { "not_imported", new JArray(result.NotImported.Select(n => (JValue)n).ToList()) },
        };
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
