namespace LedgerCluster.Core.Export.Eee;

/// <summary>
/// Where a record stands, for the EEE <c>source_metadata</c>: its trust tier, its log position (shard, index, origin)
/// when known, and where its inclusion proof is: the gateway's <c>/v1/records/{id}/proof</c> URL, or the
/// <c>ID.tlog-proof</c> file beside an offline record.
/// </summary>
public sealed record EeeLogPosition(string Tier, int? Shard = null, long? Index = null, string? Origin = null, string? ProofUrl = null, string? ProofFile = null)
{
    /// <summary>The proof URL a gateway serves for a record: <c>{gateway}/v1/records/{id}/proof</c>.</summary>
    public static string ProofUrlOf(string gateway, string recordId) => $"{gateway.TrimEnd('/')}/v1/records/{recordId}/proof";
}
