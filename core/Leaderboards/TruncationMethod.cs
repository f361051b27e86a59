namespace LedgerCluster.Core.Leaderboards;

/// <summary>How a row's truncation rate was found, so the page can say how far to trust it.</summary>
public enum TruncationMethod
{
    /// <summary>No item records a finish reason, nor output tokens with a token limit to hold them against.</summary>
    NotRecorded,

    /// <summary>Every known item's finish reason ("length" = cut off), per result or in model.params.item_facts.</summary>
    FinishReason,

    /// <summary>No finish reasons: output tokens that reach the token limit count as cut off.</summary>
    TokenCap,

    /// <summary>Finish reasons where recorded, the token cap for the other items.</summary>
    FinishReasonAndTokenCap,
}
