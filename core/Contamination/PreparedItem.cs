namespace LedgerCluster.Core.Contamination;

/// <summary>A benchmark item reduced to the distinct hashes of its n-grams.</summary>
internal sealed record PreparedItem(string Id, MatchMethod Method, ulong[] Grams)
{
    public static PreparedItem Prepare(string id, string prompt, string? expected, ContaminationOptions options)
    {
        var text = options.IncludeExpected && expected is not null ? prompt + "\n" + expected : prompt;
        var normalized = TextNormalizer.Normalize(text);
        var tokens = Tokenizer.Tokenize(normalized);
        if (tokens.Count >= Math.Max(options.ShortItemWords, options.WordN))
        {
            var grams = new HashSet<ulong>();
            for (var i = 0; i + options.WordN <= tokens.Count; i++) grams.Add(NGramHash.Words(tokens, i, options.WordN));
            return new PreparedItem(id, MatchMethod.Words, [.. grams]);
        }
        var joined = JoinedWords.Of(normalized, tokens).Text;
        if (joined.Length < options.CharN) return new PreparedItem(id, MatchMethod.TooShort, []);
        var charGrams = new HashSet<ulong>();
        NGramHash.Chars(joined, options.CharN, (hash, _) => charGrams.Add(hash));
        return new PreparedItem(id, MatchMethod.Chars, [.. charGrams]);
    }
}
