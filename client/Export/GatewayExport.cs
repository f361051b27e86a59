using System.Text;
using LedgerCluster.Client.Cli;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Export;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Export;

/// <summary>
/// `ledger export --gateway`: reads `GET /v1/export` as it streams and passes each example through the same
/// <see cref="ExampleSink"/> as the offline export (so the file is byte for byte the same for the same records), then
/// takes the gateway's summary line for the manifest: what it read, what was below the tier, its checkpoints.
/// </summary>
public static class GatewayExport
{
    private const int ProgressEvery = 10_000;

    public static async Task<(ExportSummary Summary, IReadOnlyDictionary<int, string> Checkpoints)> RunAsync(
        CliConsole console, string url, ExportOptions options, Stream output, CancellationToken cancel)
    {
        using var client = GatewayOption.Connect(url);
        var summary = new ExportSummary(options.Format);
        var sink = new ExampleSink(output, options, summary);
        JObject? server = null;
        long lines = 0;
        Stream opened;
        try { opened = await client.OpenExportAsync(ExportFormats.Name(options.Format), TrustTiers.Name(options.MinTier), options.Benchmark, summary: true, cancel); }
        catch (GatewayException e) { throw new CliException($"gateway {url} refused the export: {e.Message}"); }
        await using (var stream = opened)
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            while (await reader.ReadLineAsync(cancel) is { } line)
            {
                if (line.Length == 0) continue;
                if (Parse(line) is not JObject example) throw new CliException($"gateway {url} sent a line that is not a JSON object: {Cut(line)}");
                if (example[ExportSummaryLine.Key] is JObject s) { server = s; continue; }
                await sink.WriteAsync(example, cancel);
                if (++lines % ProgressEvery == 0) console.Error.WriteLine($"export: {lines} examples received");
            }
        }
        if (server is null) throw new CliException($"gateway {url} ended the export without its summary line (cut off?)");
        return (Merge(summary, server), Checkpoints(server));
    }

    // The gateway knows what it read and left out below the tier; the examples, and the contamination check, are counted here.
    private static ExportSummary Merge(ExportSummary summary, JObject server)
    {
        summary.Records = Long(server, "records_read");
        summary.Results = Long(server, "results_read");
        if (server["excluded"] is JObject excluded)
        {
            summary.OtherBenchmark = Long(excluded, "other_benchmark_records");
            summary.EmptyTexts = Long(excluded, "empty_text_results");
            summary.UnpairedTasks = Long(excluded, "unpaired_tasks");
            if (excluded["below_tier"] is JArray below)
                foreach (var item in below.Items.OfType<JObject>())
                    if (item["record_id"] is JString id && item["tier"] is JString { Value: var name } && TrustTiers.TryParse(name, out var tier))
                        summary.BelowTier.Add((id.Value, tier));
        }
        return summary;
    }

    private static Dictionary<int, string> Checkpoints(JObject server) =>
        (server["checkpoints"] as JArray)?.Items.OfType<JObject>()
            .Where(c => c["shard"] is JInteger && c["note"] is JString)
            .ToDictionary(c => (int)((JInteger)c["shard"]!).Value, c => ((JString)c["note"]!).Value) ?? [];

    private static JValue? Parse(string line)
    {
        try { return JsonParser.Parse(line); }
        catch (JsonParseException) { return null; }
    }

    private static string Cut(string line) => line.Length > 80 ? line[..80] + "…" : line;

    private static long Long(JObject o, string key) => o[key] is JInteger i ? (long)i.Value : 0;
}
