namespace LedgerCluster.Core.Verification;

/// <summary>The checks of `ledger verify`, in the order they are printed.</summary>
public static class CheckNames
{
    public const string Integrity = "Integrity";
    public const string Signature = "Signature";
    public const string Inclusion = "Inclusion";
    public const string Witnesses = "Witnesses";
    public const string Reproduction = "Reproduction";
}
