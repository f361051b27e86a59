using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Export;

/// <summary>
/// The last step of every export, offline or through a gateway: drops examples that hold a held-out item, counts the
/// rest per benchmark and writes each as one line of canonical JSON (sorted keys, UTF-8, no spaces).
/// </summary>
public sealed class ExampleSink(Stream output, ExportOptions options, ExportSummary summary)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public async ValueTask WriteAsync(JObject example, CancellationToken cancel)
    {
        var metadata = ExampleMetadata.Read(example["metadata"] as JObject ?? throw new FormatException("example without metadata"));
        foreach (var heldOut in options.HeldOut)
        {
            foreach (var text in ExampleShapes.Texts(example, options.Format))
            {
                if (heldOut.Find(text) is not { } match) continue;
                summary.Contaminated.Add(new ContaminatedExample(metadata.RecordId, metadata.TaskId, match));
                return;
            }
        }
        await output.WriteAsync(CanonicalJson.SerializeToUtf8(example), cancel);
        await output.WriteAsync(Newline, cancel);
        summary.Examples++;
        summary.PerBenchmark[metadata.Benchmark] = summary.PerBenchmark.GetValueOrDefault(metadata.Benchmark) + 1;
    }
}
