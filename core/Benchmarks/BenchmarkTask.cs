using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Benchmarks;

/// <summary>One benchmark item. <see cref="Expected"/> is null for open-ended tasks; <see cref="Metadata"/> is hashed too.</summary>
public sealed record BenchmarkTask(string Id, string Prompt, string? Expected, JObject Metadata)
{
    public BenchmarkTask(string id, string prompt, string? expected = null) : this(id, prompt, expected, new JObject()) { }

    /// <summary>The task as it enters the content hash: all four keys, <c>expected</c> null and <c>metadata</c> {} when absent.</summary>
    public JObject ToHashJson() => new()
    {
        { "id", Id }, { "prompt", Prompt }, { "expected", Expected is null ? JNull.Instance : Expected }, { "metadata", Metadata },
    };
}
