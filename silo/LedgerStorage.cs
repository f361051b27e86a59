using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Storage.Azure;
using Orleans.Serialization;
using Orleans.Storage;

namespace LedgerCluster.Silo;

/// <summary>Which store holds the log, records, shard keys and grain state.</summary>
public enum LedgerStorageKind
{
    /// <summary>One SQLite file under the data directory (the embedded default).</summary>
    Sqlite,

    /// <summary>An Azure Storage account (tables and blobs; Azurite in tests).</summary>
    Azure,
}

/// <summary>The Azure wiring of <see cref="LedgerHost"/>: <see cref="AzureLogStore"/> and <see cref="AzureTableGrainStorage"/> on one account.</summary>
public static class LedgerStorage
{
    public const string ConnectionVariable = "LEDGER_AZURE_CONNECTION";

    public sealed record Azure(string ConnectionString, string LogTable, string LogContainer, string GrainTable, string GrainContainer);

    /// <summary>Null for SQLite; for Azure the resolved connection string and names, or an error naming what is missing.</summary>
    public static Azure? AzureSettings(LedgerHostOptions options)
    {
        if (options.Storage != LedgerStorageKind.Azure) return null;
        var connection = options.AzureConnectionString;
        if (string.IsNullOrWhiteSpace(connection)) connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
            throw new ArgumentException($"Azure storage needs a connection string (--azure-connection or ${ConnectionVariable})");
        var prefix = options.AzureNamePrefix;
        if (prefix is not { Length: >= 1 and <= 40 } || !char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            throw new ArgumentException($"Azure name prefix '{prefix}' must be 1-40 lower-case letters or digits, starting with a letter");
        return new Azure(connection, $"{prefix}log", $"{prefix}-records", $"{prefix}grains", $"{prefix}-grains");
    }

    public static void AddAzureLogStore(IServiceCollection services, Azure azure) =>
        services.AddSingleton<ILogStore>(_ => new AzureLogStore(azure.ConnectionString, azure.LogTable, azure.LogContainer));

    public static void AddAzureGrainStorage(ISiloBuilder silo, Azure azure) =>
        silo.AddLedgerAzureTableGrainStorage(StorageNames.Ledger, o => o.Configure<Serializer>((options, serializer) =>
        {
            options.UseConnectionString(azure.ConnectionString);
            options.TableName = azure.GrainTable;
            options.ContainerName = azure.GrainContainer;
            // The same Orleans binary format as the SQLite provider.
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
}
