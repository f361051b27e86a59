using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>Which benchmark a run used, pinned by the content hash of its definition.</summary>
public sealed record BenchmarkRef(string Id, string Version, string ContentHash)
{
    public JObject ToJson() => new() { { "id", Id }, { "version", Version }, { "content_hash", ContentHash } };

    internal static BenchmarkRef Read(StrictObject o)
    {
        var result = new BenchmarkRef(o.String("id"), o.String("version"), o.LowerHex("content_hash", 32));
        o.RejectUnknown();
        return result;
    }
}
