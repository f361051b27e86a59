namespace LedgerCluster.Core.Verification;

public enum CheckStatus
{
    Ok,
    Failed,
    Skipped,
}
