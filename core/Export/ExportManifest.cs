using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export;

/// <summary>
/// `manifest.json` beside an export: the tool and options, the examples per benchmark, what was left out and why,
/// and the signed checkpoint of each shard the export was made under.
/// </summary>
public static class ExportManifest
{
    public const string FileName = "manifest.json";

    public static string PathBeside(string outputPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath)) ?? ".", FileName);

    public static JObject Build(ExportSummary summary, string outputPath, string toolVersion, JObject options, IReadOnlyDictionary<int, string> checkpoints, string source)
    {
        var manifest = new JObject
        {
            { "tool", new JObject { { "name", "ledger" }, { "version", toolVersion } } },
            { "source", source },
            { "options", options },
            { "files", new JObject { { ExportFormats.Name(summary.Format), Path.GetFileName(outputPath) } } },
            { "counts", new JObject
                {
                    { ExportFormats.Name(summary.Format), summary.Examples },
                    { "records_read", summary.Records },
                    { "results_read", summary.Results },
                } },
            { "per_benchmark", new JObject(summary.PerBenchmark.Select(p => new KeyValuePair<string, JValue>(p.Key, new JObject { { ExportFormats.Name(summary.Format), p.Value } }))) },
            { "excluded", summary.ExclusionsJson() },
            { "checkpoints", new JArray(checkpoints.OrderBy(c => c.Key).Select(c => (JValue)new JObject { { "shard", c.Key }, { "note", c.Value } }).ToList()) },
        };
        return manifest;
    }
}
