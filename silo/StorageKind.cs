namespace LedgerCluster.Silo;

/// <summary>
/// Where the log and grain state live. Only the embedded SQLite store exists today; the Azure Table/Blob
/// provider plugs in as another member here and another branch of <see cref="LedgerHost"/>'s storage switch.
/// </summary>
public enum StorageKind
{
    /// <summary>One SQLite file under the data directory. Several silo processes on one machine may share it.</summary>
    Sqlite,

    /// <summary>An Azure Storage account: tables and blobs (Azurite in tests).</summary>
    Azure,
}
