using System.Security.Cryptography;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import;

/// <summary>A source file read once: its bytes (for the SHA-256 that goes into the record) and its JSON or JSONL content.</summary>
public sealed class SourceFile
{
    private SourceFile(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
        Sha256 = Hex.Encode(SHA256.HashData(bytes));
    }

    public string Path { get; }
    public string Name => System.IO.Path.GetFileName(Path);
    public byte[] Bytes { get; }
    public string Sha256 { get; }

    public static SourceFile Read(string path)
    {
        if (!File.Exists(path)) throw new ImportFormatException(path, "file not found");
        return new SourceFile(path, File.ReadAllBytes(path));
    }

    /// <summary>The whole file as one JSON value; a syntax error (e.g. a truncated file) names the line and column.</summary>
    public JValue Json()
    {
        try { return JsonParser.Parse(Bytes); }
        catch (JsonParseException e) { throw new ImportFormatException(Path, $"not valid JSON ({e.Message}); is the file truncated?"); }
    }

    /// <summary>JSON Lines: one object per non-empty line; a broken line (e.g. the last one of a cut file) names its number.</summary>
    public List<JObject> JsonLines()
    {
        var rows = new List<JObject>();
        var span = Bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        var lineNumber = 0;
        while (span.Length > 0)
        {
            lineNumber++;
            var end = span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..end];
            span = end < 0 ? [] : span[(end + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty) continue;
            JValue value;
            try { value = JsonParser.Parse(line); }
            catch (JsonParseException e) { throw new ImportFormatException(Path, $"line {lineNumber} is not valid JSON ({e.Reason}); is the file truncated?"); }
            rows.Add(value as JObject ?? throw new ImportFormatException(Path, $"line {lineNumber} is a JSON {value.Kind}, expected an object"));
        }
        return rows;
    }
}
