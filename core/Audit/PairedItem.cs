namespace LedgerCluster.Core.Audit;

/// <summary>
/// One scored item on one side. <see cref="Correct"/> is null when the input did not say (such items are reported
/// and left out). <see cref="FinishReason"/> is "length" when generation hit the token limit.
/// </summary>
public sealed record PairedItem(string Id, bool? Correct, string? FinishReason = null, long? OutputTokens = null)
{
    public const string TruncatedFinishReason = "length";
}
