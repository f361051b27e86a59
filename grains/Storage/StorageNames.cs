namespace LedgerCluster.Grains.Storage;

public static class StorageNames
{
    /// <summary>The grain storage provider every ledger grain uses.</summary>
    public const string Ledger = "ledger";
}
