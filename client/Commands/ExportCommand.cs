using System.CommandLine;
using System.Reflection;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Export;
using LedgerCluster.Core.Contamination;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Export.HuggingFace;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger export --format sft|dpo|sharegpt --out FILE.jsonl (--records DIR | --gateway URL)`: trusted records as training
/// data, every example traceable to its record and log position, with `manifest.json` beside the output.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "sft (OpenAI chat), dpo (TRL prompt/chosen/rejected), sharegpt, hf-eval-results (Hugging Face .eval_results/*.yaml into the --out directory) or eee (Every Eval Ever v0.3.0 into the --out directory)",
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. ExportFormats.Names, HfEvalResultsExporter.FormatName, ExportEeeAction.Format]);
        var output = new Option<string>("--out", "-o") { Description = "The JSONL file to write; manifest.json is written beside it", Required = true };
        var minTier = new Option<string>("--min-tier") { Description = "Lowest trust tier exported: self_reported, signed, verified or reproduced", DefaultValueFactory = _ => "verified" };
        var gateway = GatewayOption.Create(required: false);
        var records = new Option<string?>("--records") { Description = "A directory of record files (ID.json, with ID.tlog-proof beside each logged one)" };
        var benchmark = new Option<string?>("--benchmark") { Description = "Only records of this benchmark (id, id@version or content hash)" };
        var heldOut = new Option<string[]>("--exclude-contaminated")
        {
            Description = "Held-out benchmark directories: examples whose prompt or output holds one of their items are left out",
            AllowMultipleArgumentsPerToken = true,
        };
        var vkey = new Option<string?>("--vkey") { Description = "With --records: the log's note verifier key (or a file holding it), to check the proofs" };
        var policy = new Option<string?>("--policy") { Description = "With --records: witness policy file; a proof's checkpoint must meet its quorum" };
        var json = CommonOptions.Json();
        var command = new Command("export",
            "Export trusted records as training data (FORMATS.md section 8).\n" +
            "SFT and ShareGPT take passed task results; DPO pairs a passed and a failed output of the same task of the same\n" +
            "benchmark (same content hash) across records. Records below --min-tier give nothing. Offline (--records) a\n" +
            "record is verified when the ID.tlog-proof beside it checks against --vkey/--policy, signed otherwise, and\n" +
            "self_reported when its hash or signature fails; through --gateway the cluster's tier is used.\n" +
            "hf-eval-results writes Hugging Face .eval_results/*.yaml under --out, eee Every Eval Ever v0.3.0 aggregates and\n" +
            "instance sidecars under --out/data/ledgercluster/ (eee exports from signed up unless --min-tier is given; docs/harness-import.md).")
        {
            format, output, minTier, gateway, records, benchmark, heldOut, vkey, policy, json,
        };
        var hf = new HfEvalResultsFlags();
        hf.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (parse.GetRequiredValue(format) == HfEvalResultsExporter.FormatName)
                return await hf.RunAsync(console, parse, parse.GetRequiredValue(output), parse.GetValue(minTier)!, parse.GetValue(gateway), parse.GetValue(records),
                    parse.GetValue(benchmark), parse.GetValue(heldOut) is { Length: > 0 }, parse.GetValue(vkey), parse.GetValue(policy), parse.GetValue(json), cancel);
            hf.RejectFor(parse, parse.GetRequiredValue(format));
            var url = parse.GetValue(gateway);
            var dir = parse.GetValue(records);
            if ((url is null) == (dir is null)) throw new CliException("give exactly one of --records DIR and --gateway URL");
            if (url is not null && (parse.GetValue(vkey) is not null || parse.GetValue(policy) is not null))
                throw new CliException("--vkey and --policy check proofs offline; with --gateway the cluster's tier is used");
            var tierName = parse.GetValue(minTier)!;
            if (!TrustTiers.TryParse(tierName, out var tier))
                throw new CliException($"--min-tier: '{tierName}' is not a tier (self_reported, signed, verified, reproduced)");
            if (parse.GetRequiredValue(format) == ExportEeeAction.Format)
                return await ExportEeeAction.RunAsync(console, new ExportEeeAction.Inputs(parse.GetRequiredValue(output), url, dir,
                    parse.GetResult(minTier) is { Implicit: false } ? tier : null, parse.GetValue(benchmark), parse.GetValue(heldOut) is { Length: > 0 },
                    ReadKey(parse.GetValue(vkey)), ReadOptional(parse.GetValue(policy), "--policy"), parse.GetValue(json)), cancel);
            ExportFormats.TryParse(parse.GetRequiredValue(format), out var exportFormat);
            var outPath = parse.GetRequiredValue(output);
            if (Directory.Exists(outPath)) throw new CliException($"--out: {outPath} is a directory; give a .jsonl file");
            var outDir = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            // Like any tool writing a file, make its folder: `--out out/dpo.jsonl` in a fresh folder just works.
            try { Directory.CreateDirectory(outDir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CliException($"--out: cannot create {outDir}: {e.Message}"); }
            var options = new ExportOptions
            {
                Format = exportFormat, MinTier = tier, Benchmark = parse.GetValue(benchmark),
                HeldOut = (parse.GetValue(heldOut) ?? []).Select(LoadHeldOut).ToList(),
            };
            var optionsJson = new JObject
            {
                { "format", ExportFormats.Name(exportFormat) }, { "min_tier", TrustTiers.Name(tier) },
                { "benchmark", options.Benchmark is null ? JNull.Instance : options.Benchmark },
                { "exclude_contaminated", new JArray(options.HeldOut.Select(h => (JValue)h.Name).ToList()) },
            };

            var partial = outPath + ".partial";
            ExportSummary summary;
            IReadOnlyDictionary<int, string> checkpoints;
            string source;
            try
            {
                await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    if (dir is not null)
                    {
                        var directory = RecordsDirectorySource.Open(dir, ReadKey(parse.GetValue(vkey)), ReadOptional(parse.GetValue(policy), "--policy"));
                        summary = await ProgressReporter.RunAsync<ExportProgress, ExportSummary>(console, $"export {ExportFormats.Name(exportFormat)}",
                            p => (p.Records, directory.Count), p => $"export: {p.Records}/{directory.Count} records, {p.Results} results, {p.Examples} examples",
                            progress => TrainingExporter.ExportAsync(directory.ReadAsync(cancel), options, file, progress, cancel));
                        (checkpoints, source) = (directory.Checkpoints, Path.GetFullPath(dir));
                    }
                    else
                    {
                        (summary, checkpoints) = await GatewayOption.Call(url!, () => GatewayExport.RunAsync(console, url!, options, file, cancel));
                        source = url!;
                    }
                }
            }
            catch
            {
                // Never leave a half-written export behind that looks like a result.
                File.Delete(partial);
                throw;
            }
            File.Move(partial, outPath, overwrite: true);
            var manifest = ExportManifest.Build(summary, outPath, ToolVersion(), optionsJson, checkpoints, source);
            var manifestPath = ExportManifest.PathBeside(outPath);
            await File.WriteAllTextAsync(manifestPath, PrettyJson.Serialize(manifest) + "\n", cancel);

            if (parse.GetValue(json)) console.WriteJson(manifest);
            else
            {
                console.Out.WriteLine($"Exported {summary.Examples} {ExportFormats.Name(exportFormat)} examples from {summary.Records} records ({summary.Results} task results) to {outPath}");
                console.Out.WriteLine($"Excluded: {summary.BelowTier.Count} records below {TrustTiers.Name(tier)}, {summary.Contaminated.Count} contaminated examples, {summary.OtherBenchmark} records of other benchmarks, {summary.EmptyTexts} empty results");
                console.Out.WriteLine($"Manifest: {manifestPath}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static HeldOutSet LoadHeldOut(string path)
    {
        try { return HeldOutSet.FromBenchmark(path); }
        catch (Exception e) when (e is FileNotFoundException or FormatException or JsonParseException)
        {
            throw new CliException($"--exclude-contaminated: {e.Message}");
        }
    }

    private static string ToolVersion() =>
        typeof(ExportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    internal static string? ReadOptional(string? path, string option) =>
        path is null ? null : File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"{option}: file not found: {path}");

    internal static string? ReadKey(string? value) => value is null ? null : File.Exists(value) ? File.ReadAllText(value).Trim() : value.Trim();
}
