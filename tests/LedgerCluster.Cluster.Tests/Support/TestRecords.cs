using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Silo.Gateway;

namespace LedgerCluster.Cluster.Tests.Support;

/// <summary>Signed run records with distinct bodies, passed through the gateway's intake (parse, integrity, signature).</summary>
public static class TestRecords
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A body unique to (<paramref name="tag"/>, <paramref name="n"/>): the model name carries the tag, the seed the number.</summary>
    public static RecordBody Body(string tag, int n)
    {
        var results = Enumerable.Range(0, 3)
            .Select(t => new TaskResult($"t{t}", $"question {t}", $"answer {n}", $"answer {t}", (n + t) % 2 == 0 ? 1.0 : 0.0, (n + t) % 2 == 0))
            .ToList();
        return RecordBody.Create(
            new BenchmarkRef("cluster-test", "1.0.0", new string('c', 64)),
            new ModelInfo("test", $"model-{tag}", "1", new JObject { { "temperature", 0.0 } }),
            new RunnerConfig(n, null), results, "exact_match");
    }

    public static RunRecord Sign(RecordBody body, Ed25519KeyPair key) => RunRecord.Create(body, key, "cluster-tests", CreatedAt);

    /// <summary>What the gateway would send the shard: the record through <see cref="RecordIntake.Check"/>, which must accept it.</summary>
    public static LogAppend Intake(RunRecord record)
    {
        var intake = RecordIntake.Check(Encoding.UTF8.GetBytes(record.ToFileText()));
        Assert.True(intake.Error is null, $"intake refused a valid record: {intake.Error?.Error} {intake.Error?.Detail}");
        return intake.Entry!;
    }

    /// <summary><paramref name="count"/> verified appends with distinct bodies, all signed by <paramref name="key"/>.</summary>
    public static LogAppend[] Many(string tag, int count, Ed25519KeyPair key) =>
        Enumerable.Range(0, count).Select(n => Intake(Sign(Body(tag, n), key))).ToArray();

    /// <summary>Same, each record under its own fresh key (keys generated and disposed here).</summary>
    public static LogAppend[] Many(string tag, int count)
    {
        using var key = Ed25519KeyPair.Generate();
        return Many(tag, count, key);
    }
}
