using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Records;

/// <summary>Metadata outside the hash and the signature: when and by whom, as claimed.</summary>
public sealed record RecordEnvelope(string CreatedAt, string? Signer)
{
    public JObject ToJson() => new() { { "created_at", CreatedAt }, { "signer", Signer is null ? JNull.Instance : Signer } };

    internal static RecordEnvelope Read(StrictObject o)
    {
        var result = new RecordEnvelope(o.String("created_at"), o.Has("signer") ? o.NullableString("signer") : null);
        o.RejectUnknown();
        return result;
    }
}
