namespace LedgerCluster.Core.Audit;

public enum VerdictKind
{
    /// <summary>No item was scored on both sides.</summary>
    NoPairedItems,

    /// <summary>p ≥ 0.05: the data do not show a difference.</summary>
    NoSignificantDifference,

    /// <summary>Significant and no recorded setting differs, but truncation (or the settings) were not recorded: not yet checkable.</summary>
    SignificantButUnchecked,

    /// <summary>Significant, same recorded settings, and the recorded truncation does not explain it.</summary>
    SignificantUnderIdenticalProtocols,

    /// <summary>Significant, but a setting other than the model differs: the protocol may be the cause.</summary>
    SignificantButProtocolDiffers,

    /// <summary>Significant, but the losing side is truncated clearly more often: likely an artifact of the token limit.</summary>
    LikelyTruncationArtifact,
}
