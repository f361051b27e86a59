using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Hashing;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Export;

/// <summary>Signed records of one small benchmark, with chosen results passing or failing, written as files.</summary>
internal static class ExportRecords
{
    public static readonly BenchmarkRef Benchmark = new("export-test", "1", new string('b', 64));

    public static RunRecord Make(Ed25519KeyPair key, string model, params (string Task, string Output, bool Passed)[] results)
    {
        var list = results.Select(r => new TaskResult(r.Task, $"Question {r.Task}: what is the answer?", r.Output, null, r.Passed ? 1.0 : 0.0, r.Passed)).ToList();
        var body = RecordBody.Create(Benchmark, new ModelInfo("test", model, "1", new JObject()), new RunnerConfig(1, null), list, "exact_match");
        return RunRecord.Create(body, key, "export-test", DateTimeOffset.UnixEpoch);
    }

    /// <summary>The same record with a signature by the wrong key: integrity holds, the signature does not.</summary>
    public static RunRecord BadlySigned(RunRecord record)
    {
        using var other = Ed25519KeyPair.FromSeed(ContentHash.Sha256("other"u8));
        return record with { Signature = record.Signature with { PublicKey = other.PublicKeyHex } };
    }

    public static string Write(string directory, RunRecord record, string? proof = null)
    {
        var path = Path.Combine(directory, record.Id + ".json");
        File.WriteAllText(path, record.ToFileText());
        if (proof is not null) File.WriteAllText(Path.Combine(directory, record.Id + ".tlog-proof"), proof);
        return path;
    }
}
