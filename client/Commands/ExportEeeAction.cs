using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Export;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Commands;

/// <summary>
/// `ledger export --format eee --out DIR (--records DIR | --gateway URL)`: Every Eval Ever v0.3.0 aggregates and instance
/// sidecars (core/Export/Eee). Unlike the training formats, records are exported from `signed` up unless --min-tier is
/// given: the tier is stated in each document's source_metadata, and an offline proof needs --vkey to count as verified.
/// </summary>
public static class ExportEeeAction
{
    public const string Format = "eee";

    public sealed record Inputs(string Out, string? Gateway, string? Records, TrustTier? MinTier, string? Benchmark, bool ExcludeContaminated,
        string? LogKey, string? Policy, bool Json);

    public static async Task<int> RunAsync(CliConsole console, Inputs inputs, CancellationToken cancel)
    {
        if (inputs.ExcludeContaminated) throw new CliException("--exclude-contaminated applies to the training formats (sft, dpo, sharegpt), not eee");
        if (File.Exists(inputs.Out)) throw new CliException($"--out: {inputs.Out} is a file; eee writes a directory");
        var options = new ExportOptions { MinTier = inputs.MinTier ?? TrustTier.Signed, Benchmark = inputs.Benchmark };
        var exported = inputs.Records is not null
            ? await EeeExport.FromDirectoryAsync(inputs.Records, inputs.LogKey, inputs.Policy, options, cancel)
            : await GatewayOption.Call(inputs.Gateway!, () => EeeExport.FromGatewayAsync(inputs.Gateway!, options, cancel));
        try { Directory.CreateDirectory(inputs.Out); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CliException($"--out: cannot create {inputs.Out}: {e.Message}"); }
        await EeeExport.WriteAsync(inputs.Out, exported, cancel);

        if (inputs.Json)
        {
            console.WriteJson(new JArray(exported.Select(e => (JValue)new JObject
            {
                { "record_id", e.Files.RecordId }, { "tier", e.Position.Tier },
                { "aggregate", Path.Combine(inputs.Out, e.Files.AggregatePath) }, { "sidecar", Path.Combine(inputs.Out, e.Files.SidecarPath) },
                { "total_rows", (long)e.Files.Rows },
                { "checksum", (e.Files.Aggregate["detailed_evaluation_results"] as JObject)?["checksum"] ?? JNull.Instance },
            }).ToList()));
            return ExitCodes.Ok;
        }
        console.Out.WriteLine($"Exported {exported.Count} record{(exported.Count == 1 ? "" : "s")} as Every Eval Ever v0.3.0 into {inputs.Out} (tier {TrustTiers.Name(options.MinTier)} and up)");
        foreach (var (files, position) in exported)
        {
            var logged = position.Index is { } index ? $", log shard {position.Shard} index {index}" : ", not in a log";
            console.Out.WriteLine($"  record {files.RecordId[..12]} ({position.Tier}{logged}): {files.Rows} rows");
            console.Out.WriteLine($"    {Path.Combine(inputs.Out, files.AggregatePath)}");
            console.Out.WriteLine($"    {Path.Combine(inputs.Out, files.SidecarPath)}");
        }
        return ExitCodes.Ok;
    }
}
