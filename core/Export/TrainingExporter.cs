using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export;

/// <summary>
/// Turns records into training examples, streaming: records arrive in log order and SFT/ShareGPT examples leave as
/// each record is read, so memory does not grow with the input. DPO must see every output of a task before pairing,
/// so it spills texts to disk (<see cref="DpoPairer"/>) and writes the pairs at the end.
/// Records below the minimum tier give nothing; every example names its record, task and log position.
/// </summary>
public static class TrainingExporter
{
    /// <summary>How often (in records) progress is reported.</summary>
    private const int ProgressEvery = 64;

    public static async Task<ExportSummary> ExportAsync(IAsyncEnumerable<ExportRecord> records, ExportOptions options, Stream output,
        IProgress<ExportProgress>? progress = null, CancellationToken cancel = default)
    {
        var summary = new ExportSummary(options.Format);
        var sink = new ExampleSink(output, options, summary);
        using var pairer = options.Format == ExportFormat.Dpo ? new DpoPairer(options.SpillDirectory) : null;
        await foreach (var record in records.WithCancellation(cancel))
        {
            summary.Records++;
            if (!options.Selects(record.Record.Body.Benchmark)) summary.OtherBenchmark++;
            else if (record.Tier < options.MinTier) summary.BelowTier.Add((record.Record.Id, record.Tier));
            else await ExportRecordAsync(record, pairer, sink, summary, cancel);
            if (summary.Records % ProgressEvery == 0) progress?.Report(new ExportProgress(summary.Records, summary.Results, summary.Examples));
        }
        if (pairer is not null)
        {
            foreach (var pair in pairer.Pairs()) await sink.WriteAsync(pair, cancel);
            summary.UnpairedTasks = pairer.UnpairedTasks;
        }
        await output.FlushAsync(cancel);
        progress?.Report(new ExportProgress(summary.Records, summary.Results, summary.Examples));
        return summary;
    }

    private static async ValueTask ExportRecordAsync(ExportRecord record, DpoPairer? pairer, ExampleSink sink, ExportSummary summary, CancellationToken cancel)
    {
        var body = record.Record.Body;
        foreach (var result in body.Results)
        {
            summary.Results++;
            // An empty prompt or output teaches nothing and trainers reject empty turns.
            if (string.IsNullOrWhiteSpace(result.Prompt) || string.IsNullOrWhiteSpace(result.Output))
            {
                summary.EmptyTexts++;
                continue;
            }
            var metadata = ExampleMetadata.Of(record, result);
            if (pairer is not null)
            {
                pairer.Add(result.Prompt, result, body.Benchmark.ContentHash, metadata);
                continue;
            }
            if (!result.Passed) continue;
            JObject example = summary.Format == ExportFormat.Sft
                ? ExampleShapes.Sft(result.Prompt, result.Output, metadata)
                : ExampleShapes.ShareGpt(result.Prompt, result.Output, metadata);
            await sink.WriteAsync(example, cancel);
        }
    }
}
