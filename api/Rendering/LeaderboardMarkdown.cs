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
        md.AppendLine("| rank | range | tier | score | benchmark | model | accuracy | tasks | truncated | signer | record |");
        md.AppendLine("|---:|---:|---|---:|---|---|---:|---:|---:|---|---|");
        foreach (var r in rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Rank} | {r.RankRangeText} | {r.Tier} | {r.Score:0.00} | {Cell(r.Benchmark)} | {Cell(r.Model)} | ");
            md.Append(CultureInfo.InvariantCulture, $"{r.Accuracy * 100:0.0}% | {r.Tasks} | {(r.TruncationRate is { } t ? $"{t * 100:0.0}%" : "")} | ");
            md.AppendLine(CultureInfo.InvariantCulture, $"{Cell(r.Signer ?? "")} | `{r.RecordId[..Math.Min(12, r.RecordId.Length)]}` |");
        }
        // A row's verdict (why it is only self-reported) follows the table, so the table keeps its columns.
        var withVerdicts = rows.Where(r => r.Verdict is not null).ToList();
        if (withVerdicts.Count > 0) md.AppendLine();
        foreach (var r in withVerdicts) md.AppendLine(CultureInfo.InvariantCulture, $"- `{r.RecordId[..Math.Min(12, r.RecordId.Length)]}` (rank {r.Rank}): {r.Verdict!.ReplaceLineEndings(" ")}");
        // Likewise what makes a row not comparable with its board: its protocol's differences and a differing truncation rate.
        var warned = rows.Where(r => r.ProtocolWarnings is { Length: > 0 } || r.TruncationWarning is not null).ToList();
        if (warned.Count > 0) md.AppendLine();
        foreach (var r in warned)
        {
            var notes = (r.ProtocolWarnings ?? []).Append(r.TruncationWarning).OfType<string>().Select(n => n.ReplaceLineEndings(" "));
            md.AppendLine(CultureInfo.InvariantCulture, $"- `{r.RecordId[..Math.Min(12, r.RecordId.Length)]}` (rank {r.Rank}) ⚠ {string.Join("; ", notes)}");
        }
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
