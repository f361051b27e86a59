using System.IO.Compression;
using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Import.Inspect;

/// <summary>
/// An Inspect log in either encoding: the single-file <c>.json</c> (<c>{version, status, eval, plan, results, samples}</c>)
/// or the <c>.eval</c> zip (<c>header.json</c> plus one <c>samples/&lt;id&gt;_epoch_&lt;n&gt;.json</c> per sample and epoch).
/// </summary>
public sealed class InspectLog
{
    private InspectLog(SourceFile file, JObject header, List<JObject> samples) => (File, Header, Samples) = (file, header, samples);

    public SourceFile File { get; }
    public JObject Header { get; }
    public IReadOnlyList<JObject> Samples { get; }
    public JObject Eval => (JObject)Header["eval"]!;
    public JObject Plan => Header["plan"] as JObject ?? new JObject();
    public JObject? Results => Header["results"] as JObject;

    public static InspectLog Read(string path)
    {
        var file = SourceFile.Read(path);
        var zip = file.Bytes.AsSpan().StartsWith("PK"u8);
        var log = zip ? ReadZip(file) : ReadJson(file);
        if (log.Header["eval"] is not JObject eval || eval["model"] is not JString || eval["task"] is not JString)
            throw new ImportFormatException(path, "not an Inspect log (no eval.task and eval.model)");
        var status = ImportedRecordAssembler.Text(log.Header["status"]);
        if (status is not (null or "success"))
            throw new ImportFormatException(path, $"the log's status is \"{status}\", not success (an unfinished or failed run is not imported)");
        if (log.Samples.Count == 0) throw new ImportFormatException(path, "the log holds no samples (written without --log-samples?)");
        return log;
    }

    private static InspectLog ReadJson(SourceFile file)
    {
        if (file.Json() is not JObject root || root["eval"] is not JObject || !root.ContainsKey("version"))
            throw new ImportFormatException(file.Path, $"not an Inspect log (expected a .eval zip or a JSON log with version and eval){OtherHarness(file)}");
        var samples = (root["samples"] as JArray)?.Items.OfType<JObject>().ToList() ?? [];
        return new InspectLog(file, root, samples);
    }

    private static InspectLog ReadZip(SourceFile file)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(file.Bytes), ZipArchiveMode.Read);
            var header = archive.GetEntry("header.json")
                ?? throw new ImportFormatException(file.Path, "the .eval zip has no header.json (the run is still going, or the log was cut)");
            var root = Parse(file, header) as JObject ?? throw new ImportFormatException(file.Path, "header.json is not a JSON object");
            var samples = archive.Entries
                .Where(e => e.FullName.StartsWith("samples/", StringComparison.Ordinal) && e.FullName.EndsWith(".json", StringComparison.Ordinal))
                .Select(e => Parse(file, e) as JObject ?? throw new ImportFormatException(file.Path, $"{e.FullName} is not a JSON object"))
                .ToList();
            return new InspectLog(file, root, samples);
        }
        catch (InvalidDataException e)
        {
            throw new ImportFormatException(file.Path, $"not a readable .eval zip ({e.Message.TrimEnd('.')}); is the file truncated?");
        }
    }

    private static JValue Parse(SourceFile file, ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        try { return JsonParser.Parse(buffer.ToArray()); }
        catch (JsonParseException e) { throw new ImportFormatException(file.Path, $"{entry.FullName} in the zip is not valid JSON ({e.Message})"); }
    }

    private static string OtherHarness(SourceFile file) =>
        file.Json() is JObject o && o["results"] is JObject && o.ContainsKey("configs") ? "; it looks like an lm-eval results file (use `ledger import lm-eval`)"
        : file.Json() is JObject e && e.ContainsKey("evaluation_results") ? "; it looks like an Every Eval Ever aggregate (use `ledger import eee`)"
        : "";
}
