using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Storage.Azure;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// Writes a shard the way <see cref="AzureLogStore"/> did before the batch layout, row for row: one blob "r/{id}" per record,
/// a segment row "g{start:D19}" with the ids only, head and checkpoint rows, and then one location row per record in
/// partition "r{two hex digits}". Stores written so must stay readable.
/// </summary>
public sealed class LegacyAzureLogWriter(string connectionString, string tableName, string containerName)
{
    private readonly TableClient _table = AzureStorageClients.Tables(connectionString).GetTableClient(tableName);
    private readonly BlobContainerClient _container = AzureStorageClients.Blobs(connectionString).GetBlobContainerClient(containerName);

    /// <param name="writeLocations">False stops where a crash between the commit and the location rows would have.</param>
    public async Task AppendAsync(int shard, long start, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint, bool writeLocations = true)
    {
        await _table.CreateIfNotExistsAsync();
        await _container.CreateIfNotExistsAsync();
        foreach (var entry in entries)
            await _container.GetBlobClient($"r/{Convert.ToHexStringLower(entry.RecordId)}").UploadAsync(BinaryData.FromBytes(entry.RecordJson));
        var key = $"s{shard}";
        var head = new TableEntity(key, "head")
        {
            ["Size"] = start + entries.Count, ["CheckpointSize"] = checkpoint.Size, ["Root"] = checkpoint.Root, ["Note"] = checkpoint.Note,
        };
        var ids = new byte[entries.Count * 32];
        for (var i = 0; i < entries.Count; i++) entries[i].RecordId.CopyTo(ids, i * 32);
        var segment = new TableEntity(key, $"g{start:D19}") { ["Start"] = start, ["End"] = start + entries.Count, ["Count"] = entries.Count, ["Ids"] = ids };
        var row = new TableEntity(key, $"c{checkpoint.Size:D19}") { ["Size"] = checkpoint.Size, ["Root"] = checkpoint.Root, ["Note"] = checkpoint.Note };
        await _table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, head),
            new TableTransactionAction(TableTransactionActionType.Add, row),
            new TableTransactionAction(TableTransactionActionType.Add, segment),
        ]);
        if (!writeLocations) return;
        for (var i = 0; i < entries.Count; i++)
        {
            var id = Convert.ToHexStringLower(entries[i].RecordId);
            await _table.UpsertEntityAsync(new TableEntity("r" + id[..2], id) { ["Shard"] = shard, ["Index"] = start + i }, TableUpdateMode.Replace);
        }
    }
}
