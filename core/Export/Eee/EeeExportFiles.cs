using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export.Eee;

/// <summary>
/// One record as Every Eval Ever v0.3.0: the aggregate document and its instance sidecar (JSON Lines bytes, whose
/// SHA-256 and line count the aggregate's <c>detailed_evaluation_results</c> carries). Both are written to
/// <see cref="Folder"/> (<c>data/ledgercluster/&lt;developer&gt;/&lt;model&gt;</c>, the datastore layout the schema's
/// <c>file_path</c> pattern asks for) as <c>&lt;uuid&gt;.json</c> and <c>&lt;uuid&gt;_samples.jsonl</c>.
/// </summary>
public sealed record EeeExportFiles(string RecordId, string Uuid, string Folder, JObject Aggregate, byte[] Sidecar, int Rows)
{
    public string AggregatePath => $"{Folder}/{Uuid}.json";

    public string SidecarPath => $"{Folder}/{Uuid}_samples.jsonl";

    /// <summary>The aggregate as written: indented JSON and a final newline.</summary>
    public string AggregateText() => PrettyJson.Serialize(Aggregate) + "\n";
}
