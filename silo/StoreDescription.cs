namespace LedgerCluster.Silo;

/// <summary>Names the store a node serves in one-line messages: `data/` or `Azure storage prefix ledger`.</summary>
public sealed record StoreDescription(string Text)
{
    public static StoreDescription Of(LedgerHostOptions options) =>
        new(options.Storage == StorageKind.Azure ? $"Azure storage prefix {options.AzureNamePrefix}" : options.DataDirectory.TrimEnd('/', '\\') + "/");
}
