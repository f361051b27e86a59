namespace LedgerCluster.Core.Contamination;

/// <summary>
/// A held-out benchmark prepared once so many short texts (training examples) can be checked against it: an
/// example is contaminated when it contains at least the threshold share of one item's n-grams, the same
/// containment rule <see cref="ContaminationScanner"/> applies to a whole corpus, here per example.
/// </summary>
public sealed class HeldOutSet
{
    private readonly ItemIndex _index;
    private readonly ContaminationOptions _options;
    private readonly Dictionary<int, HashSet<int>> _hits = [];
    private readonly List<Token> _tokens = [];

    private HeldOutSet(string name, ItemIndex index, ContaminationOptions options)
    {
        Name = name;
        _index = index;
        _options = options;
    }

    /// <summary>How the held-out benchmark is named in reports (its directory as given).</summary>
    public string Name { get; }

    public int Items => _index.Items.Count;

    public static HeldOutSet Build(string name, IEnumerable<(string Id, string Prompt, string? Expected)> items, ContaminationOptions? options = null)
    {
        options ??= ContaminationOptions.Default;
        options.Validate();
        return new HeldOutSet(name, ItemIndex.Build(items.Select(i => PreparedItem.Prepare(i.Id, i.Prompt, i.Expected, options)).ToList()), options);
    }

    /// <summary>Reads a benchmark directory's `tasks.jsonl` (or a tasks file itself).</summary>
    public static HeldOutSet FromBenchmark(string path, ContaminationOptions? options = null)
    {
        var tasks = Directory.Exists(path) ? Path.Combine(path, "tasks.jsonl") : path;
        if (!File.Exists(tasks)) throw new FileNotFoundException($"held-out benchmark not found: {tasks} (give a benchmark directory with tasks.jsonl)", tasks);
        return Build(path, BenchmarkTaskReader.ReadJsonl(tasks), options);
    }

    /// <summary>The most contained item at or above the threshold, or null when the text holds none.</summary>
    public HeldOutMatch? Find(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        _tokens.Clear();
        Tokenizer.Tokenize(normalized, _tokens);
        _hits.Clear();
        if (_index.Words.Count > 0)
            for (var i = 0; i + _options.WordN <= _tokens.Count; i++)
                if (_index.Words.TryGetValue(NGramHash.Words(_tokens, i, _options.WordN), out var postings)) Hit(postings);
        if (_index.Chars.Count > 0 && _tokens.Count > 0)
            NGramHash.Chars(JoinedWords.Of(normalized, _tokens).Text, _options.CharN, (hash, _) =>
            {
                if (_index.Chars.TryGetValue(hash, out var postings)) Hit(postings);
            });

        HeldOutMatch? best = null;
        foreach (var (item, grams) in _hits.OrderBy(h => h.Key))
        {
            var total = _index.Items[item].Grams.Length;
            var containment = (double)grams.Count / total;
            if (containment >= _options.Threshold && (best is null || containment > best.Containment))
                best = new HeldOutMatch(Name, _index.Items[item].Id, item + 1, containment);
        }
        return best;
    }

    private void Hit(Posting[] postings)
    {
        foreach (var posting in postings)
        {
            if (!_hits.TryGetValue(posting.Item, out var grams)) _hits[posting.Item] = grams = [];
            grams.Add(posting.Gram);
        }
    }
}
