using System.Net;
using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Client.Bench;

/// <summary>
/// An NDJSON batch of about <paramref name="targetBytes"/>, sent chunked: each distinct signed record (of about
/// <see cref="RecordBytes"/>) is made just before it is written, so the sender never holds the batch.
/// </summary>
public sealed class LargeBatchContent(long targetBytes, Ed25519KeyPair key, string runId) : HttpContent
{
    /// <summary>Under the large object heap's threshold, so the records themselves add no LOH churn to what is measured.</summary>
    public const int RecordBytes = 16 * 1024;

    public int Records { get; private set; }

    public long Bytes { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var benchmark = new BenchmarkRef("bench-large-batch", "1", Convert.ToHexStringLower(SHA256.HashData("bench-large-batch@1"u8)));
        var created = DateTimeOffset.UtcNow;
        while (Bytes < targetBytes)
        {
            var line = Make(Records, benchmark, created);
            await stream.WriteAsync(line, cancellationToken);
            Bytes += line.Length;
            Records++;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private byte[] Make(int i, BenchmarkRef benchmark, DateTimeOffset created)
    {
        var output = new StringBuilder(RecordBytes).Append(i).Append(':');
        while (output.Length < RecordBytes - 1024) output.Append("the quick brown fox jumps over the lazy dog ");
        var results = new List<TaskResult> { new("t1", $"Repeat the text, run {i}.", output.ToString(), "x", 0.0, false) };
        var model = new ModelInfo("bench", "bench-large", runId, new JObject { { "run", i } });
        var record = RunRecord.Create(RecordBody.Create(benchmark, model, new RunnerConfig(i, null), results, "exact_match"), key, "ledger-bench", created);
        var json = CanonicalJson.SerializeToUtf8(record.ToJson());
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }
}
