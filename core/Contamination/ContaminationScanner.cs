namespace LedgerCluster.Core.Contamination;

/// <summary>
/// Checks benchmark items against training text by n-gram CONTAINMENT: the share of an item's distinct n-grams
/// that occur anywhere in the training text. Containment, unlike Jaccard, does not shrink when the item sits
/// inside a much longer document, which is exactly how leaked questions usually appear.
/// </summary>
public static class ContaminationScanner
{
    public static ContaminationReport Scan(IEnumerable<(string Id, string Prompt, string? Expected)> items, string trainingPath, ContaminationOptions? options = null) =>
        Scan(items, TrainingCorpus.FromFile(trainingPath), options);

    public static ContaminationReport Scan(IEnumerable<(string Id, string Prompt, string? Expected)> items, TrainingCorpus training, ContaminationOptions? options = null)
    {
        options ??= ContaminationOptions.Default;
        options.Validate();
        var prepared = items.Select(i => PreparedItem.Prepare(i.Id, i.Prompt, i.Expected, options)).ToList();
        var index = ItemIndex.Build(prepared);
        var state = new ScanState(prepared);
        var stats = new TrainingStats(training.Name, training.Format, 0, 0, 0);
        var tokens = new List<Token>();
        var hits = new DocumentHits();
        foreach (var document in training.Documents())
        {
            var words = ScanDocument(document, index, options, state, tokens, hits);
            stats = stats with { Documents = stats.Documents + 1, Words = stats.Words + words, NotJsonLines = stats.NotJsonLines + (document.NotJson ? 1 : 0) };
        }
        return new ContaminationReport(options, state.Findings(options.Threshold), stats);
    }

    // Returns the number of words in the document.
    private static int ScanDocument(TrainingDocument document, ItemIndex index, ContaminationOptions options, ScanState state, List<Token> tokens, DocumentHits hits)
    {
        var normalized = document.Pieces.Select(p => TextNormalizer.Normalize(p.Text)).ToArray();
        var text = string.Join('\n', normalized);
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        hits.Clear();
        if (index.Words.Count > 0)
        {
            for (var i = 0; i + options.WordN <= tokens.Count; i++)
            {
                if (!index.Words.TryGetValue(NGramHash.Words(tokens, i, options.WordN), out var postings)) continue;
                foreach (var posting in postings) hits.Add(posting, tokens[i].Start, tokens[i + options.WordN - 1].End);
            }
        }
        if (index.Chars.Count > 0 && tokens.Count > 0)
        {
            var joined = JoinedWords.Of(text, tokens);
            NGramHash.Chars(joined.Text, options.CharN, (hash, position) =>
            {
                if (!index.Chars.TryGetValue(hash, out var postings)) return;
                var first = tokens[joined.WordAt(position)];
                var last = tokens[joined.WordAt(position + options.CharN - 1)];
                foreach (var posting in postings) hits.Add(posting, first.Start, last.End);
            });
        }
        if (hits.ByItem.Count > 0) state.Record(hits, document, normalized, text);
        return tokens.Count;
    }
}
