using System.CommandLine;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Commands;
using LedgerCluster.Core.Export.HuggingFace;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Export;

/// <summary>
/// `ledger export --format hf-eval-results --out DIR (--records DIR | --gateway URL)`: the flags only this format takes
/// (`--model`, `--dataset`, `--base-url`, `--scale`) and its run: read the records, pick the entries in core
/// (<see cref="HfEvalResultsExporter"/>), write `DIR/.eval_results/*.yaml` whole or not at all.
/// </summary>
public sealed class HfEvalResultsFlags
{
    private readonly Option<string?> _model = new("--model") { Description = "hf-eval-results: only records of this model (model.name); needed when the records hold several" };
    private readonly Option<string[]> _dataset = new("--dataset")
    {
        Description = "hf-eval-results: BENCHMARK=DATASET_ID[:TASK_ID][@REVISION], the Hub benchmark dataset and eval.yaml task of a benchmark (repeatable)",
        AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<string?> _baseUrl = new("--base-url") { Description = "hf-eval-results: the public URL of the node whose record pages source.url links ({base}/records/{id}); default with --gateway: the gateway" };
    private readonly Option<string> _scale = new("--scale") { Description = "hf-eval-results: value as percent (45.0, the spec's example) or fraction (0.45)", DefaultValueFactory = _ => "percent" };

    public void AddTo(Command command)
    {
        command.Options.Add(_model);
        command.Options.Add(_dataset);
        command.Options.Add(_baseUrl);
        command.Options.Add(_scale);
    }

    /// <summary>The other formats write training data; these flags would silently do nothing there.</summary>
    public void RejectFor(ParseResult parse, string format)
    {
        foreach (var option in new Option[] { _model, _dataset, _baseUrl, _scale })
            if (parse.GetResult(option) is { Implicit: false })
                throw new CliException($"{option.Name} applies to --format {HfEvalResultsExporter.FormatName} only, not {format}");
    }

    public async Task<int> RunAsync(CliConsole console, ParseResult parse, string outDir, string minTierName, string? gateway, string? records,
        string? benchmark, bool heldOut, string? vkey, string? policy, bool json, CancellationToken cancel)
    {
        if ((gateway is null) == (records is null)) throw new CliException("give exactly one of --records DIR and --gateway URL");
        if (gateway is not null && (vkey is not null || policy is not null))
            throw new CliException("--vkey and --policy check proofs offline; with --gateway the cluster's tier is used");
        if (heldOut) throw new CliException($"--exclude-contaminated applies to the training formats, not {HfEvalResultsExporter.FormatName}");
        if (!TrustTiers.TryParse(minTierName, out var tier))
            throw new CliException($"--min-tier: '{minTierName}' is not a tier (self_reported, signed, verified, reproduced)");
        if (File.Exists(outDir)) throw new CliException($"--out: {outDir} is a file; give a directory (the model repo, or a folder to copy from)");
        var scale = parse.GetValue(_scale) switch
        {
            "percent" => HfValueScale.Percent,
            "fraction" => HfValueScale.Fraction,
            var other => throw new CliException($"--scale: '{other}' is not percent or fraction"),
        };
        var baseUrl = parse.GetValue(_baseUrl) ?? gateway;
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new CliException($"--base-url: '{baseUrl}' is not an http(s) URL");
        var datasets = new HfDatasetMapping();
        foreach (var spec in parse.GetValue(_dataset) ?? [])
        {
            try { datasets.Add(spec); }
            catch (FormatException e) { throw new CliException($"--dataset: {e.Message}"); }
        }
        var options = new HfEvalResultsOptions
        {
            MinTier = tier, Benchmark = benchmark, Model = parse.GetValue(_model), RecordPageBase = baseUrl,
            Scale = scale, Datasets = datasets,
        };

        HfEvalResultsSummary summary;
        try
        {
            if (records is not null)
            {
                var directory = RecordsDirectorySource.Open(records, ExportCommand.ReadKey(vkey), ExportCommand.ReadOptional(policy, "--policy"));
                summary = await HfEvalResultsExporter.ExportAsync(directory.ReadAsync(cancel), options, cancel);
            }
            else
            {
                using var client = GatewayOption.Connect(gateway!);
                summary = await HfEvalResultsExporter.ExportAsync(new GatewayRecordSource(client, gateway!).ReadAsync(cancel), options, cancel);
            }
        }
        catch (HfExportException e) { throw new CliException(e.Message); }

        var folder = Write(outDir, summary);
        if (json) console.WriteJson(summary.ToJson());
        else Print(console, summary, folder, tier, baseUrl);
        return ExitCodes.Ok;
    }

    // Every file is written into a fresh folder beside the target, then moved in: a failed export leaves nothing half-written.
    private static string Write(string outDir, HfEvalResultsSummary summary)
    {
        var folder = Path.Combine(outDir, HfEvalResultsExporter.Folder);
        if (summary.Files.Count == 0) return folder;
        var staging = Path.Combine(outDir, $"{HfEvalResultsExporter.Folder}.partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (name, entries) in summary.Files)
                File.WriteAllText(Path.Combine(staging, name), HfEvalResultsYaml.Write(entries));
            Directory.CreateDirectory(folder);
            foreach (var (name, _) in summary.Files)
                File.Move(Path.Combine(staging, name), Path.Combine(folder, name), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--out: cannot write {folder}: {e.Message}");
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return folder;
    }

    private static void Print(CliConsole console, HfEvalResultsSummary summary, string folder, TrustTier tier, string? baseUrl)
    {
        var o = console.Out;
        if (summary.Files.Count == 0) o.WriteLine($"Nothing to export: no record of {summary.Records} read qualifies (see the exclusions below)");
        else o.WriteLine($"Exported {summary.Entries} {HfEvalResultsExporter.FormatName} entries of model {summary.ModelName} from {summary.Records} records to {folder}");
        foreach (var (name, entries) in summary.Files)
        {
            o.WriteLine($"  {HfEvalResultsExporter.Folder}/{name}");
            foreach (var e in entries)
                o.WriteLine($"    {e.Dataset.DatasetId} task {e.Dataset.TaskId}: value {e.Value:0.0###} (record {e.RecordId[..12]}, {TrustTiers.Name(e.Tier)})" + (e.SourceUrl is null ? "" : $" {e.SourceUrl}"));
        }
        o.WriteLine($"Excluded: {summary.BelowTier.Count} records below {TrustTiers.Name(tier)}, {summary.Partial.Count} partial, {summary.Superseded.Count} superseded, "
                    + $"{summary.OtherBenchmark} of other benchmarks, {summary.OtherModel} of other models");
        foreach (var (id, coverage) in summary.Partial) o.WriteLine($"  partial: record {id[..12]} covers {coverage}; not a score on the benchmark");
        foreach (var id in summary.Unmapped)
            o.WriteLine($"note: benchmark {id} names no Hub dataset; its id is written as dataset.id (map it: --dataset {id}=NAMESPACE/NAME:TASK_ID)");
        if (baseUrl is null && summary.Files.Count > 0)
            o.WriteLine("note: no --base-url: the entries have no source link (the record id is in notes)");
    }
}
