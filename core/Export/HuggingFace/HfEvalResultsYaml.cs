using System.Globalization;
using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>
/// Writes a `.eval_results/*.yaml` file in the layout of the hub spec: a list of entries, two-space indents, keys in
/// the spec's order. Every string is a double-quoted scalar with JSON escapes (valid YAML 1.2, so ids like `no`,
/// `1e3` or text with `: ` stay strings); `value` is a plain float with at least one decimal, as in the real files (`80.0`).
/// </summary>
public static class HfEvalResultsYaml
{
    public static string Write(IEnumerable<HfEvalResult> entries)
    {
        var yaml = new StringBuilder();
        foreach (var e in entries)
        {
            yaml.Append("- dataset:\n");
            yaml.Append("    id: ").Append(Quote(e.Dataset.DatasetId)).Append('\n');
            yaml.Append("    task_id: ").Append(Quote(e.Dataset.TaskId)).Append('\n');
            if (e.Dataset.Revision is { } revision) yaml.Append("    revision: ").Append(Quote(revision)).Append('\n');
            yaml.Append("  value: ").Append(e.Value.ToString("0.0###", CultureInfo.InvariantCulture)).Append('\n');
            if (e.Date is { } date) yaml.Append("  date: ").Append(Quote(date)).Append('\n');
            if (e.SourceUrl is { } url)
            {
                yaml.Append("  source:\n");
                yaml.Append("    url: ").Append(Quote(url)).Append('\n');
                yaml.Append("    name: ").Append(Quote($"LedgerCluster run record {e.RecordId[..12]}")).Append('\n');
            }
            yaml.Append("  notes: ").Append(Quote(e.Notes)).Append('\n');
        }
        return yaml.ToString();
    }

    private static string Quote(string text) => CanonicalJson.Serialize(new JString(text));
}
