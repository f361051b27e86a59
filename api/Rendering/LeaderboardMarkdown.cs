using System.Globalization;
using System.Text;

namespace LedgerCluster.Api.Rendering;

/// <summary>
/// The board as a Markdown table: what `GET /v1/leaderboard?format=md`, `ledger leaderboard` (offline and through a
/// gateway) and `ledger demo` print.
/// </summary>
public static class LeaderboardMarkdown
{
    public static string Write(IReadOnlyList<LeaderboardRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine("| rank | tier | score | benchmark | model | accuracy | tasks | signer | record |");
        md.AppendLine("|---:|---|---:|---|---|---:|---:|---|---|");
        foreach (var r in rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Rank} | {r.Tier} | {r.Score:0.00} | {Cell(r.Benchmark)} | {Cell(r.Model)} | ");
            md.AppendLine(CultureInfo.InvariantCulture, $"{r.Accuracy * 100:0.0}% | {r.Tasks} | {Cell(r.Signer ?? "")} | `{r.RecordId[..Math.Min(12, r.RecordId.Length)]}` |");
        }
        // A row's verdict (why it is only self-reported) follows the table, so the table keeps its columns.
        var withVerdicts = rows.Where(r => r.Verdict is not null).ToList();
        if (withVerdicts.Count > 0) md.AppendLine();
        foreach (var r in withVerdicts) md.AppendLine(CultureInfo.InvariantCulture, $"- `{r.RecordId[..Math.Min(12, r.RecordId.Length)]}` (rank {r.Rank}): {r.Verdict!.ReplaceLineEndings(" ")}");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
