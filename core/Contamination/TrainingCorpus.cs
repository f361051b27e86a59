using System.Text;
using System.Text.Json;

namespace LedgerCluster.Core.Contamination;

/// <summary>
/// Training text, read once as a stream of documents. Liberal on purpose: any JSON line contributes all of its
/// string values (so `text`, `messages[].content`, `prompt`/`completion`, ... are all covered), and a line that
/// is not JSON is read as text rather than rejected.
/// </summary>
public sealed class TrainingCorpus
{
    // A paragraph longer than this is cut into several documents: bounded memory for text without blank lines.
    private const int MaxParagraphLines = 4096;

    private readonly Func<TextReader> _open;

    private TrainingCorpus(string name, Func<TextReader> open, TrainingFormat format)
    {
        Name = name;
        _open = open;
        Format = format;
    }

    public string Name { get; }

    /// <summary>The format in use (never <see cref="TrainingFormat.Auto"/>: detection happens on construction).</summary>
    public TrainingFormat Format { get; }

    public static TrainingCorpus FromFile(string path, TrainingFormat format = TrainingFormat.Auto)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"training file not found: {path}", path);
        if (format == TrainingFormat.Auto) format = Detect(path);
        return new TrainingCorpus(path, () => new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), format);
    }

    public static TrainingCorpus FromText(string text, TrainingFormat format = TrainingFormat.Auto, string name = "(text)")
    {
        if (format == TrainingFormat.Auto) format = LooksLikeJsonLines(new StringReader(text)) ? TrainingFormat.JsonLines : TrainingFormat.PlainText;
        return new TrainingCorpus(name, () => new StringReader(text), format);
    }

    internal IEnumerable<TrainingDocument> Documents()
    {
        using var reader = _open();
        var documents = Format == TrainingFormat.JsonLines ? JsonLineDocuments(reader) : Paragraphs(reader);
        foreach (var document in documents) yield return document;
    }

    private static IEnumerable<TrainingDocument> JsonLineDocuments(TextReader reader)
    {
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var strings = TryStringValues(line);
            var pieces = (strings ?? [line]).Select(s => new TrainingPiece(number, s)).ToList();
            if (pieces.Count > 0) yield return new TrainingDocument(pieces, NotJson: strings is null);
        }
    }

    private static IEnumerable<TrainingDocument> Paragraphs(TextReader reader)
    {
        long number = 0;
        var pieces = new List<TrainingPiece>();
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) pieces.Add(new(number, line));
            if ((string.IsNullOrWhiteSpace(line) || pieces.Count >= MaxParagraphLines) && pieces.Count > 0)
            {
                yield return new TrainingDocument(pieces);
                pieces = [];
            }
        }
        if (pieces.Count > 0) yield return new TrainingDocument(pieces);
    }

    /// <summary>Every string value (not property names) in a JSON line, in order; null when the line is not JSON.</summary>
    internal static List<string>? TryStringValues(string line)
    {
        var strings = new List<string>();
        try
        {
            var json = new Utf8JsonReader(Encoding.UTF8.GetBytes(line), new JsonReaderOptions { MaxDepth = 256 });
            while (json.Read())
                if (json.TokenType == JsonTokenType.String) strings.Add(json.GetString()!);
            return strings;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // a string with an invalid escape or lone surrogate
        }
    }

    private static TrainingFormat Detect(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson") return TrainingFormat.JsonLines;
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return LooksLikeJsonLines(reader) ? TrainingFormat.JsonLines : TrainingFormat.PlainText;
    }

    private static bool LooksLikeJsonLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            return line.TrimStart().StartsWith('{') && TryStringValues(line) is not null;
        }
        return false;
    }
}
