using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Tests.Records;

/// <summary>
/// Records the verievals 0.1.0 SDK and schema write on purpose, rebuilt here byte for byte: each id below is what
/// CPython 3.11 running verievals 0.1.0 gave for the same data (signed with the RFC 8032 test-1 key).
/// </summary>
public static class VerievalsSdkRecords
{
    /// <summary>`EvalRecorder.log(..., score=0.5, passed=True)` and friends: the grader's verdict kept verbatim.</summary>
    public const string GradedVerbatimId = "bf531e425541114d978fd7fe5171a7287eaafd02e2b8d3bbfbb46dea7cee0463";

    /// <summary>An aggregate with an extra metric, `f1`, beside accuracy and passed.</summary>
    public const string ExtraMetricId = "a400b4485af5f682e4a356d508f550eda199c6bf5e111a823b8300e06e1718b2";

    /// <summary>A signed aggregate accuracy of 0.9 over results that give 0.5.</summary>
    public const string ContradictionId = "6e71659d048be6de0e7094ef3fe2f43f42a0dfa93f74f5780c047654b8791124";

    public static Ed25519KeyPair Key() => Ed25519KeyPair.FromSeedHex(Kat.Rfc8032Test1Seed);

    // with EvalRecorder("custom-grader", "1.0", ModelInfo("local", "my-model", "1", {}), key, signer="alice") as rec:
    //     rec.log("t1", "Say hi", "hi there", score=0.5, passed=True)
    //     rec.log("t2", "Say bye", "bye", expected="bye")
    //     rec.log("t3", "Count", "3", score=0.25)
    public static RunRecord GradedVerbatim(Ed25519KeyPair key)
    {
        TaskResult[] results =
        [
            new("t1", "Say hi", "hi there", null, 0.5, true),
            new("t2", "Say bye", "bye", "bye", 1.0, true),
            new("t3", "Count", "3", null, 0.25, false),
        ];
        var body = new RecordBody(SchemaVersions.Verievals, "0.1.0",
            new BenchmarkRef("custom-grader", "1.0", "5cdb5ba9a08510c4fa8fd8bf886b16839e9f35b3ac5486a8a264b3ce60d0dc76"),
            new ModelInfo("local", "my-model", "1", new JObject()), new RunnerConfig(0, null), results, Aggregate.Of("exact_match", results));
        return RunRecord.Create(body, key, "alice");
    }

    // RunBody(..., aggregate=Aggregate("exact_match", 2, {"accuracy": 0.5, "passed": 1.0, "f1": 0.8}))
    public static RunRecord ExtraMetric(Ed25519KeyPair key) =>
        Greetings(key, new Aggregate("exact_match", 2, 0.5, 1.0) { OtherMetrics = [KeyValuePair.Create("f1", 0.8)] });

    // RunBody(..., aggregate=Aggregate("exact_match", 2, {"accuracy": 0.9, "passed": 1.0}))
    public static RunRecord Contradiction(Ed25519KeyPair key) => Greetings(key, new Aggregate("exact_match", 2, 0.9, 1.0));

    private static RunRecord Greetings(Ed25519KeyPair key, Aggregate aggregate)
    {
        TaskResult[] results = [new("t1", "Say hi", "hi", "hi", 1.0, true), new("t2", "Say bye", "no", "bye", 0.0, false)];
        var body = new RecordBody(SchemaVersions.Verievals, "0.1.0",
            new BenchmarkRef("greetings", "1.0", "308e0f2945167e4ea48296a13d945eb0204af64543f7c62bc6231b35b872023e"),
            new ModelInfo("local", "m", "1", new JObject()), new RunnerConfig(0, null), results, aggregate);
        return RunRecord.Create(body, key);
    }
}
