using System.Text;

namespace LedgerCluster.Core.Contamination;

/// <summary>
/// What a scan has found so far: per item, which of its n-grams occurred anywhere, and the document where most of
/// them occurred together (the span shown to the reader).
/// </summary>
internal sealed class ScanState(IReadOnlyList<PreparedItem> items)
{
    private const int ExcerptChars = 300;

    private readonly bool[][] _found = items.Select(i => new bool[i.Grams.Length]).ToArray();
    private readonly MatchSpan?[] _best = new MatchSpan?[items.Count];

    public void Record(DocumentHits hits, TrainingDocument document, string[] normalized, string text)
    {
        foreach (var (item, itemHits) in hits.ByItem)
        {
            foreach (var gram in itemHits.Grams) _found[item][gram] = true;
            if (_best[item] is { } best && best.MatchedInDocument >= itemHits.Grams.Count) continue; // keep the earliest best document
            _best[item] = new MatchSpan(LineAt(document, normalized, itemHits.Start), LineAt(document, normalized, Math.Max(itemHits.Start, itemHits.End - 1)),
                itemHits.Grams.Count, Excerpt(document, text, itemHits.Start, itemHits.End));
        }
    }

    public List<ContaminationFinding> Findings(double threshold) => items.Select((item, i) =>
    {
        var matched = _found[i].Count(f => f);
        var containment = item.Grams.Length == 0 ? 0.0 : (double)matched / item.Grams.Length;
        return new ContaminationFinding(item.Id, item.Method, item.Grams.Length, matched, item.Grams.Length > 0 && containment >= threshold, _best[i]);
    }).ToList();

    private static long LineAt(TrainingDocument document, string[] normalized, int offset)
    {
        var pieceStart = 0;
        for (var p = 0; p < normalized.Length; p++)
        {
            if (offset < pieceStart + normalized[p].Length + 1) return document.Pieces[p].Line;
            pieceStart += normalized[p].Length + 1; // + the '\n' that joins pieces
        }
        return document.Pieces[^1].Line;
    }

    // The original text when normalization kept every offset (the usual case), else the normalized text.
    private static string Excerpt(TrainingDocument document, string text, int start, int end)
    {
        var original = string.Join('\n', document.Pieces.Select(p => p.Text));
        var source = original.Length == text.Length ? original : text;
        return CollapseWhitespace(source[start..end]);
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, ExcerptChars + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
            if (sb.Length >= ExcerptChars) return sb.Append('…').ToString();
        }
        return sb.ToString();
    }
}
