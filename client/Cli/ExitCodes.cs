namespace LedgerCluster.Client.Cli;

/// <summary>Exit codes CI can gate on (FORMATS.md section 7).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int NotVerified = 1;
    public const int UsageOrInput = 2;
}
