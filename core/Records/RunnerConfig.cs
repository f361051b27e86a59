using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>The determinism-affecting runner settings.</summary>
public sealed record RunnerConfig(long Seed, long? SampleLimit)
{
    public JObject ToJson() => new() { { "seed", Seed }, { "sample_limit", SampleLimit is { } l ? l : JNull.Instance } };

    internal static RunnerConfig Read(StrictObject o)
    {
        var result = new RunnerConfig(o.Int("seed"), o.NullableInt("sample_limit"));
        o.RejectUnknown();
        return result;
    }
}
