using System.Globalization;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Audit;

/// <summary>
/// Reads either input shape, detected from the content: a run record (`{body, content_hash, ...}`), a results
/// object (`{"results": [{"id", "correct", ...}], ...settings}`), a bare array of items, or JSON Lines of items
/// (a line may also be a whole results object).
/// </summary>
internal static class ResultsReader
{
    private static readonly string[] IdKeys = ["id", "task_id"];
    private static readonly string[] CorrectKeys = ["correct", "passed", "is_correct"];
    private static readonly string[] FinishKeys = ["finish_reason", "stop_reason", "done_reason"];
    private static readonly string[] TokenKeys = ["output_tokens", "completion_tokens", "n_output_tokens", "generated_tokens", "gen_tokens", "num_tokens", "n_tokens", "eval_count"];

    // Spellings of "stopped at the token limit": OpenAI "length", Anthropic "max_tokens", Gemini "MAX_TOKENS", ...
    private static readonly HashSet<string> LengthReasons = new(StringComparer.OrdinalIgnoreCase) { "length", "max_tokens", "max_output_tokens", "max_new_tokens" };

    public static PairedInput Read(string text, string label, string source)
    {
        var whole = TryParse(text);
        return whole switch
        {
            JObject o when o.ContainsKey("body") && o.ContainsKey("content_hash") => FromRecordJson(o, label, source),
            JObject o when o["results"] is JArray => new PairedInput(label, source, Items((JArray)o["results"]!, source), ProtocolFields.FromResultsFile(o)),
            JObject o when IdKeys.Any(o.ContainsKey) => FromLines(text, label, source),
            JArray a => new PairedInput(label, source, Items(a, source), ProtocolFields.FromResultsFile(new JObject())),
            null => FromLines(text, label, source),
            _ => throw new AuditInputException($"{source}: neither a run record nor results: expected {{\"results\": [...]}}, a record, or JSON Lines of items"),
        };
    }

    private static JValue? TryParse(string text)
    {
        try { return JsonParser.Parse(text); }
        catch (JsonParseException) { return null; }
    }

    private static PairedInput FromRecordJson(JObject o, string label, string source)
    {
        try
        {
            var record = RunRecord.Read(o);
            return PairedInput.FromRecord(record, label) with { Source = $"{source} (record {record.Id})" };
        }
        catch (RecordSchemaException e) { throw new AuditInputException($"{source}: not a valid run record: {e.Message}", e); }
    }

    private static PairedInput FromLines(string text, string label, string source)
    {
        var items = new List<PairedItem>();
        var protocol = new SortedDictionary<string, JValue>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var where = $"{source}:{i + 1}";
            JValue line;
            try { line = JsonParser.Parse(lines[i]); }
            catch (JsonParseException e) { throw new AuditInputException($"{where}: not JSON ({e.Reason})", e); }
            if (line is not JObject o) throw new AuditInputException($"{where}: expected a JSON object per line");
            if (o["results"] is JArray nested)
            {
                items.AddRange(Items(nested, where));
                foreach (var (field, value) in ProtocolFields.FromResultsFile(o)) protocol.TryAdd(field, value);
            }
            else items.Add(Item(o, where));
        }
        if (items.Count == 0) throw new AuditInputException($"{source}: no items");
        return new PairedInput(label, source, items, protocol);
    }

    private static List<PairedItem> Items(JArray array, string source) =>
        array.Items.Select((v, i) => Item(v as JObject ?? throw new AuditInputException($"{source}: results[{i}] is not an object"), $"{source}: results[{i}]")).ToList();

    private static PairedItem Item(JObject o, string where)
    {
        var id = IdKeys.Select(k => o[k]).FirstOrDefault(v => v is not null) switch
        {
            JString s => s.Value,
            JInteger n => n.Value.ToString(CultureInfo.InvariantCulture),
            _ => throw new AuditInputException($"{where}: item has no \"id\" (string or integer)"),
        };
        var correct = CorrectKeys.Select(k => o[k]).OfType<JBool>().FirstOrDefault()?.Value;
        return new PairedItem(id, correct, FinishReason(o), OutputTokens(o));
    }

    private static string? FinishReason(JObject o)
    {
        if (FinishKeys.Select(k => o[k]).OfType<JString>().FirstOrDefault() is { } reason)
            return LengthReasons.Contains(reason.Value) ? PairedItem.TruncatedFinishReason : reason.Value;
        return o["truncated"] is JBool truncated ? (truncated.Value ? PairedItem.TruncatedFinishReason : "stop") : null;
    }

    private static long? OutputTokens(JObject o)
    {
        var usage = o["usage"] as JObject;
        return TokenKeys.Select(k => o[k] ?? usage?[k]).OfType<JInteger>().Where(i => i.Value >= 0 && i.Value <= long.MaxValue).Select(i => (long?)(long)i.Value).FirstOrDefault();
    }
}
