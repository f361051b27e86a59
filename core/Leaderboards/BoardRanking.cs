using System.Globalization;
using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Leaderboards;

/// <summary>
/// Ranks results. The trust ranking of FORMATS.md section 5 sorts by tier, then accuracy, then record id,
/// so evidence beats a higher self-reported number; the plain ranking ignores tiers.
/// </summary>
public static class BoardRanking
{
    public static IReadOnlyList<BoardRow> Rank(IEnumerable<BoardCandidate> candidates, bool trust = true)
    {
        var ordered = trust
            ? candidates.OrderByDescending(c => c.Tier).ThenByDescending(c => c.Accuracy)
            : candidates.OrderByDescending(c => c.Accuracy);
        return ordered.ThenBy(c => c.RecordId, StringComparer.Ordinal).Select((c, i) => new BoardRow(i + 1, c)).ToList();
    }

    public static JArray ToJson(IEnumerable<BoardRow> rows) => new(rows.Select(r => (JValue)r.ToJson()).ToList());

    public static string ToMarkdown(IReadOnlyList<BoardRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| rank | tier | score | benchmark | model | accuracy | tasks | signer | record |");
        md.AppendLine("|---:|---|---:|---|---|---:|---:|---|---|");
        foreach (var r in rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Rank} | {r.Tier} | {r.Score:0.00} | {Cell(r.Entry.Benchmark)} | {Cell(r.Entry.Model)} | ");
            md.AppendLine(CultureInfo.InvariantCulture, $"{r.Entry.Accuracy * 100:0.0}% | {r.Entry.Tasks} | {Cell(r.Entry.Signer ?? "")} | `{r.Entry.RecordId[..12]}` |");
        }
        // A row's verdict (why it is only self-reported) follows the table, so the table keeps its columns.
        var withVerdicts = rows.Where(r => r.Entry.Verdict is not null).ToList();
        if (withVerdicts.Count > 0) md.AppendLine();
        foreach (var r in withVerdicts) md.AppendLine(CultureInfo.InvariantCulture, $"- `{r.Entry.RecordId[..12]}` (rank {r.Rank}): {r.Entry.Verdict!.ReplaceLineEndings(" ")}");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
