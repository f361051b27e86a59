namespace LedgerCluster.Core.Models;

/// <summary>
/// One generation. <see cref="FinishReason"/> is normalised to the record vocabulary ("stop", "length", "error") or null
/// when the model does not say; the offline models leave all three extras null so their records stay verievals-compatible.
/// </summary>
public sealed record ModelOutput(string Text, string? FinishReason = null, long? OutputTokens = null, double? LatencyMs = null)
{
    public bool Truncated => FinishReason == "length";
}
