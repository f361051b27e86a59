using System.Globalization;
using System.Text;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Contamination;

/// <summary>The scan result: one finding per benchmark item, in input order.</summary>
public sealed record ContaminationReport(ContaminationOptions Options, IReadOnlyList<ContaminationFinding> Findings, TrainingStats Training)
{
    public IEnumerable<ContaminationFinding> Flagged => Findings.Where(f => f.Flagged);

    /// <summary>Items with at least one matching n-gram, most contained first.</summary>
    public IEnumerable<ContaminationFinding> WithMatches =>
        Findings.Where(f => f.Matched > 0).OrderByDescending(f => f.Containment);

    public JObject ToJson() => new()
    {
        { "items", Findings.Count },
        { "flagged", Flagged.Count() },
        { "flag_rate", Findings.Count == 0 ? 0.0 : (double)Flagged.Count() / Findings.Count },
        { "too_short", Findings.Count(f => f.Method == MatchMethod.TooShort) },
        { "options", new JObject
            {
                { "word_n", Options.WordN }, { "char_n", Options.CharN }, { "short_item_words", Options.ShortItemWords },
                { "threshold", Options.Threshold }, { "include_expected", Options.IncludeExpected },
                { "normalization", "NFKC + case folding" },
            } },
        { "training", new JObject
            {
                { "name", Training.Name }, { "format", Training.Format == TrainingFormat.JsonLines ? "jsonl" : "text" },
                { "documents", Training.Documents }, { "words", Training.Words }, { "not_json_lines", Training.NotJsonLines },
            } },
        { "findings", new JArray(WithMatches.Select(f => (JValue)FindingJson(f)).ToList()) },
    };

    public string ToMarkdown()
    {
        var flagged = Flagged.ToList();
        var sb = new StringBuilder();
        sb.Append("# Contamination scan\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"**{flagged.Count} of {Findings.Count} benchmark items flagged** ")
          .Append(CultureInfo.InvariantCulture, $"(containment ≥ {Options.Threshold:0.##} of word {Options.WordN}-grams; character {Options.CharN}-grams for items under {Options.ShortItemWords} words).\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"Training text: `{Training.Name}`, {Training.Documents:N0} documents, {Training.Words:N0} words")
          .Append(Training.NotJsonLines > 0 ? $", {Training.NotJsonLines:N0} lines read as text (not JSON)" : "").Append(".\n\n");
        var nearMisses = WithMatches.Where(f => !f.Flagged).Take(10).ToList();
        if (flagged.Count > 0) Table(sb, "Flagged items", flagged.OrderByDescending(f => f.Containment));
        if (nearMisses.Count > 0) Table(sb, "Highest containment below the threshold", nearMisses);
        if (flagged.Count == 0 && nearMisses.Count == 0) sb.Append("No benchmark n-gram occurs in the training text.\n");
        return sb.ToString();
    }

    private static JObject FindingJson(ContaminationFinding f)
    {
        var json = new JObject
        {
            { "id", f.Id }, { "method", MethodName(f.Method) }, { "ngrams", f.NGrams }, { "matched", f.Matched },
            { "containment", f.Containment }, { "flagged", f.Flagged },
        };
        if (f.Span is { } s)
            json.Add("span", new JObject { { "start_line", s.StartLine }, { "end_line", s.EndLine }, { "matched_in_document", s.MatchedInDocument }, { "excerpt", s.Excerpt } });
        return json;
    }

    private static void Table(StringBuilder sb, string title, IEnumerable<ContaminationFinding> findings)
    {
        sb.Append("## ").Append(title).Append("\n\n| item | containment | n-grams | training lines | matched text |\n|---|---:|---:|---|---|\n");
        foreach (var f in findings)
        {
            var lines = f.Span is null ? "" : f.Span.StartLine == f.Span.EndLine ? $"{f.Span.StartLine}" : $"{f.Span.StartLine}–{f.Span.EndLine}";
            var excerpt = f.Span?.Excerpt is { } e ? (e.Length > 120 ? e[..120] + "…" : e) : "";
            sb.Append(CultureInfo.InvariantCulture, $"| {Cell(f.Id)} | {f.Containment * 100:0}% | {f.Matched}/{f.NGrams} ({MethodName(f.Method)}) | {lines} | {Cell(excerpt)} |\n");
        }
        sb.Append('\n');
    }

    private static string MethodName(MatchMethod method) => method switch
    {
        MatchMethod.Words => "words",
        MatchMethod.Chars => "chars",
        _ => "too_short",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
