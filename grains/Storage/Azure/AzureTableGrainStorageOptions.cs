using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage.Azure;

/// <summary>Options of <see cref="AzureTableGrainStorage"/>; property names mirror Orleans' AzureTableStorageOptions.</summary>
public sealed class AzureTableGrainStorageOptions : IStorageProviderSerializerOptions
{
    public const string DefaultTableName = "LedgerGrainState";
    public const string DefaultContainerName = "ledger-grain-state";

    /// <summary>Required: the table service (e.g. <see cref="AzureStorageClients.Tables(string)"/>).</summary>
    public TableServiceClient? TableServiceClient { get; set; }

    /// <summary>Where states too large for a row go (the row keeps a pointer). Without it, such a write throws.</summary>
    public BlobServiceClient? BlobServiceClient { get; set; }

    public string TableName { get; set; } = DefaultTableName;

    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary>Delete the row on clear (otherwise an empty row is written, keeping the ETag chain).</summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>
    /// Largest serialized state kept in the row (split over Data, Data1 … Data14, 64 KiB each); anything larger goes to a blob.
    /// At most 15 × 64 KiB.
    /// </summary>
    public int MaxInlineBytes { get; set; } = AzureTableGrainStorage.MaxPropertyBytes * AzureTableGrainStorage.MaxDataProperties;

    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>A connection string sets both clients (Azurite: "UseDevelopmentStorage=true").</summary>
    public void UseConnectionString(string connectionString)
    {
        TableServiceClient = AzureStorageClients.Tables(connectionString);
        BlobServiceClient = AzureStorageClients.Blobs(connectionString);
    }
}

/// <summary>Fails silo start-up on options that cannot work.</summary>
public sealed class AzureTableGrainStorageOptionsValidator(AzureTableGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (options.TableServiceClient is null)
            throw new OrleansConfigurationException($"Grain storage {name}: TableServiceClient is not set (call UseConnectionString or set it).");
        if (!AzureStorageClients.IsValidTableName(options.TableName))
            throw new OrleansConfigurationException($"Grain storage {name}: table name '{options.TableName}' is invalid (3-63 letters or digits, starting with a letter).");
        if (options.BlobServiceClient is not null && !AzureStorageClients.IsValidContainerName(options.ContainerName))
            throw new OrleansConfigurationException($"Grain storage {name}: container name '{options.ContainerName}' is invalid.");
        if (options.MaxInlineBytes is < 0 or > AzureTableGrainStorage.MaxPropertyBytes * AzureTableGrainStorage.MaxDataProperties)
            throw new OrleansConfigurationException($"Grain storage {name}: MaxInlineBytes must be between 0 and {AzureTableGrainStorage.MaxPropertyBytes * AzureTableGrainStorage.MaxDataProperties}.");
        if (options.GrainStorageSerializer is null)
            throw new OrleansConfigurationException($"Grain storage {name}: no GrainStorageSerializer.");
    }
}
