using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Export;

/// <summary>
/// Pairs passed and failed outputs of the same task of the same benchmark (same content hash) across records, and of
/// the same prompt: the hash only claims the benchmark, and a pair must answer one question.
/// Texts are spilled to a temporary file as they arrive; memory keeps, per distinct output of a task, a fixed-size entry
/// (its 128-bit hash, offset and length, plus its set and list slots), so it grows with the number of distinct outputs,
/// never with their text (`ledger bench export` measures it).
/// A task with P distinct passed and F distinct failed outputs gives max(P, F) pairs, pair k being
/// (passed[k mod P], failed[k mod F]) in order of first appearance: every output is used, no pair repeats.
/// Tasks come out ordered by benchmark content hash, then task id (then prompt hash).
/// </summary>
public sealed class DpoPairer : IDisposable
{
    private readonly Dictionary<(string Benchmark, string Task, UInt128 Prompt), TaskOutputs> _tasks = [];
    private readonly FileStream _spill;

    public DpoPairer(string? spillDirectory = null)
    {
        var path = Path.Combine(spillDirectory ?? Path.GetTempPath(), $"ledger-dpo-{Guid.NewGuid():N}.spill");
        _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Offers one result; returns false when its output was already seen for this task with the same outcome.</summary>
    public bool Add(string prompt, TaskResult result, string benchmarkHash, ExampleMetadata metadata)
    {
        var key = (benchmarkHash, result.TaskId, TextHash(prompt));
        if (!_tasks.TryGetValue(key, out var outputs)) _tasks[key] = outputs = new TaskOutputs();
        var hash = TextHash(result.Output);
        var list = result.Passed ? outputs.Passed : outputs.Failed;
        if (!(result.Passed ? outputs.PassedHashes : outputs.FailedHashes).Add(hash)) return false;
        var line = CanonicalJson.SerializeToUtf8(new JObject { { "prompt", prompt }, { "output", result.Output }, { "metadata", metadata.ToJson() } });
        _spill.Seek(0, SeekOrigin.End);
        list.Add(new SpilledOutput(_spill.Position, line.Length, hash));
        _spill.Write(line);
        return true;
    }

    public long UnpairedTasks => _tasks.Values.LongCount(t => t.Passed.Count == 0 || t.Failed.Count == 0);

    /// <summary>Every pair, in the documented order.</summary>
    public IEnumerable<JObject> Pairs()
    {
        _spill.Flush();
        foreach (var (_, outputs) in _tasks.OrderBy(t => t.Key.Benchmark, StringComparer.Ordinal).ThenBy(t => t.Key.Task, StringComparer.Ordinal).ThenBy(t => t.Key.Prompt))
        {
            var (passed, failed) = (outputs.Passed, outputs.Failed);
            if (passed.Count == 0 || failed.Count == 0) continue;
            for (var k = 0; k < Math.Max(passed.Count, failed.Count); k++)
            {
                var (chosen, rejected) = (passed[k % passed.Count], failed[k % failed.Count]);
                if (chosen.Hash == rejected.Hash) continue; // the same text both passed and failed: no preference
                var c = Read(chosen);
                var r = Read(rejected);
                yield return ExampleShapes.Dpo(Text(c, "prompt"), Text(c, "output"), Text(r, "output"),
                    ExampleMetadata.Read((JObject)c["metadata"]!), ExampleMetadata.Read((JObject)r["metadata"]!));
            }
        }
    }

    public void Dispose() => _spill.Dispose();

    private JObject Read(SpilledOutput entry)
    {
        var buffer = new byte[entry.Length];
        _spill.Seek(entry.Offset, SeekOrigin.Begin);
        _spill.ReadExactly(buffer);
        return (JObject)JsonParser.Parse(buffer);
    }

    private static string Text(JObject o, string key) => ((JString)o[key]!).Value;

    private static UInt128 TextHash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return new UInt128(BitConverter.ToUInt64(digest[..8]), BitConverter.ToUInt64(digest[8..16]));
    }
}
