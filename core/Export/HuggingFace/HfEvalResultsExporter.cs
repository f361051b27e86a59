using System.Globalization;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>
/// Records to Hugging Face `.eval_results/*.yaml` entries (hub-docs eval_results.yaml, docs/hub/eval-results.md): one
/// entry per (dataset, task) with the record's signed accuracy as `value`, `source.url` its record page, and the
/// record id, tier, log position, coverage, scorer and benchmark hash in `notes`; one file per Hub dataset, as the
/// real files do (`ai2_arc.yaml` holds ARC-Easy and ARC-Challenge). A `.eval_results` folder sits in one model's
/// repo, so the records must be of one model (or one is chosen). Records over part of their task are left out: a
/// score on 3 of 1,319 items is not a score on the benchmark.
/// </summary>
public static class HfEvalResultsExporter
{
    public const string FormatName = "hf-eval-results";
    public const string Folder = ".eval_results";

    /// <summary>Reads every record and picks the entries; throws <see cref="HfExportException"/> when the records hold several models and none was chosen.</summary>
    public static async Task<HfEvalResultsSummary> ExportAsync(IAsyncEnumerable<ExportRecord> records, HfEvalResultsOptions options, CancellationToken cancel = default)
    {
        var summary = new HfEvalResultsSummary();
        var byModel = new SortedDictionary<string, Dictionary<(string, string), HfEvalResult>>(StringComparer.Ordinal);
        var supersededByModel = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        await foreach (var record in records.WithCancellation(cancel))
        {
            summary.Records++;
            var body = record.Record.Body;
            if (!options.Selects(body.Benchmark)) { summary.OtherBenchmark++; continue; }
            if (options.Model is not null && options.Model != body.Model.Name) { summary.OtherModel++; continue; }
            if (record.Tier < options.MinTier) { summary.BelowTier.Add((record.Record.Id, record.Tier)); continue; }
            if (Coverage(body) is { Partial: true } cut) { summary.Partial.Add((record.Record.Id, cut.Text)); continue; }
            var entry = Entry(record, options);
            if (!entry.Dataset.FromRecord) summary.Unmapped.Add(body.Benchmark.Id);
            if (!byModel.TryGetValue(body.Model.Name, out var entries)) byModel[body.Model.Name] = entries = [];
            if (!supersededByModel.TryGetValue(body.Model.Name, out var superseded)) supersededByModel[body.Model.Name] = superseded = [];
            var key = (entry.Dataset.DatasetId, entry.Dataset.TaskId);
            if (entries.TryGetValue(key, out var known))
            {
                var (kept, dropped) = Better(entry, known) ? (entry, known) : (known, entry);
                entries[key] = kept;
                superseded.Add((dropped.RecordId, kept.RecordId));
            }
            else entries[key] = entry;
        }
        if (byModel.Count > 1)
            throw new HfExportException($"the records hold {byModel.Count} models ({string.Join(", ", byModel.Keys)}); a .eval_results folder belongs to one model repo: choose one with --model");
        foreach (var (model, entries) in byModel)
        {
            summary.ModelName = model;
            summary.Superseded.AddRange(supersededByModel[model]);
            foreach (var file in entries.Values.GroupBy(e => FileName(e.Dataset.DatasetId)).OrderBy(g => g.Key, StringComparer.Ordinal))
                summary.Files[file.Key] = file.OrderBy(e => e.Dataset.TaskId, StringComparer.Ordinal).ToList();
        }
        return summary;
    }

    /// <summary>`openai/gsm8k` → `openai--gsm8k.yaml` (the Hub's own cache naming), `ai2_arc` → `ai2_arc.yaml`.</summary>
    public static string FileName(string datasetId) =>
        new string(datasetId.Replace("/", "--", StringComparison.Ordinal).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray()) + ".yaml";

    /// <summary>The value in the chosen unit: percent with two decimals (`45.0`), or a fraction with four (`0.45`).</summary>
    public static double Value(double accuracy, HfValueScale scale) => scale == HfValueScale.Percent
        ? Math.Round(accuracy * 100.0, 2, MidpointRounding.AwayFromZero)
        : Math.Round(accuracy, 4, MidpointRounding.AwayFromZero);

    private static HfEvalResult Entry(ExportRecord record, HfEvalResultsOptions options)
    {
        var body = record.Record.Body;
        var created = DateTimeOffset.TryParse(record.Record.Envelope.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : (DateTimeOffset?)null;
        return new HfEvalResult(options.Datasets.Resolve(body), Value(body.Aggregate.Accuracy, options.Scale),
            created?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), options.RecordPage(record.Record.Id),
            Notes(record, options.Scale), record.Record.Id, record.Tier, created);
    }

    // Higher tier first, then the newer run, then the smaller id, so the same records always give the same file.
    private static bool Better(HfEvalResult a, HfEvalResult b) =>
        a.Tier != b.Tier ? a.Tier > b.Tier
        : a.CreatedAt != b.CreatedAt ? (a.CreatedAt ?? DateTimeOffset.MinValue) > (b.CreatedAt ?? DateTimeOffset.MinValue)
        : string.CompareOrdinal(a.RecordId, b.RecordId) < 0;

    private static string Notes(ExportRecord record, HfValueScale scale)
    {
        var body = record.Record.Body;
        var p = body.Model.Params;
        var tier = record.Tier switch
        {
            TrustTier.Reproduced => "reproduced (re-run by the cluster with the same results)",
            TrustTier.Verified => "verified (Ed25519 signature checks and the record is in the transparency log"
                                  + (record.Shard is { } s && record.Index is { } i ? $", shard {s} index {i})" : ")"),
            TrustTier.Signed => "signed (Ed25519 signature checks; no log inclusion proof)",
            _ => "self_reported (hash or signature does not check)",
        };
        var harness = p["harness"] is JString h ? $"; imported from {h.Value}" + (p["harness_version"] is JString v ? $" {v.Value}" : "") : "";
        var coverage = Coverage(body) is { } c ? c.Text : $"{body.Aggregate.NumTasks.ToString("N0", CultureInfo.InvariantCulture)} items";
        return $"LedgerCluster run record {record.Record.Id}, tier {tier}; "
               + $"metric accuracy (fraction of items passed) {(scale == HfValueScale.Percent ? "in percent" : "as a fraction")} over {coverage}, scorer {body.Aggregate.Scorer}; "
               + $"benchmark {body.Benchmark.Id}@{body.Benchmark.Version} content hash {body.Benchmark.ContentHash}; "
               + $"model {body.Model.Provider}/{body.Model.Name} version {body.Model.Version}{harness}; check with: ledger verify";
    }

    private static (bool Partial, string Text)? Coverage(RecordBody body)
    {
        if (body.Model.Params["items"] is not JObject items || items["recorded"] is not JInteger recorded) return null;
        var n = recorded.Value.ToString("N0", CultureInfo.InvariantCulture);
        return items["in_task"] is JInteger total
            ? (items["partial"] is JBool { Value: true }, $"{n} of {total.Value.ToString("N0", CultureInfo.InvariantCulture)} items" + (items["partial"] is JBool { Value: true } ? " (partial)" : ""))
            : (false, $"{n} items");
    }
}
