using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Audit;

/// <summary>
/// One side of a paired audit: its items by id, and the settings that produced them (<see cref="Protocol"/>,
/// flattened to field → value, e.g. "model.params.max_tokens" → 300) so the two sides can be diffed.
/// </summary>
public sealed record PairedInput(string Label, string Source, IReadOnlyList<PairedItem> Items, IReadOnlyDictionary<string, JValue> Protocol)
{
    /// <summary>The generation token limit from the protocol (max_tokens, num_predict, max_new_tokens, ...), if any.</summary>
    public long? TokenLimit => ProtocolFields.TokenLimit(Protocol);

    /// <summary>Reads a run record file or a per-item results file (JSON or JSONL), whichever it is.</summary>
    public static PairedInput Load(string path, string? label = null)
    {
        if (!File.Exists(path)) throw new AuditInputException($"{path}: file not found");
        return Parse(File.ReadAllText(path), label ?? Path.GetFileName(path), path);
    }

    /// <summary>Like <see cref="Load"/>, from text: a run record, a `{"results": [...]}` object, or JSON Lines.</summary>
    public static PairedInput Parse(string text, string label, string source = "(text)") => ResultsReader.Read(text, label, source);

    /// <summary>From a run record: items = results by task_id, correct = passed, plus finish_reason/output_tokens.</summary>
    public static PairedInput FromRecord(RunRecord record, string? label = null)
    {
        var body = record.Body;
        // Imported records (ledger import) keep these per item in model.params.item_facts, so they stay verievals records.
        var items = body.Results.Select(r =>
        {
            var (reason, tokens) = r.FinishReason is null || r.OutputTokens is null ? Import.ItemFacts.Of(body.Model.Params, r.TaskId) : (null, null);
            return new PairedItem(r.TaskId, r.Passed, r.FinishReason ?? reason, r.OutputTokens ?? tokens);
        }).ToList();
        return new PairedInput(label ?? $"{body.Model.Name} {body.Model.Version}", $"record {record.Id}", items, ProtocolFields.FromRecord(body));
    }

    /// <summary>From items already in hand (e.g. a log in another shape); <paramref name="protocol"/> as flat field → value.</summary>
    public static PairedInput FromItems(string label, IEnumerable<PairedItem> items, IReadOnlyDictionary<string, JValue>? protocol = null, string source = "(items)") =>
        new(label, source, items.ToList(), protocol ?? new SortedDictionary<string, JValue>(StringComparer.Ordinal));
}
