using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace LedgerCluster.Grains.Storage.Azure;

/// <summary>
/// Orleans grain storage on Azure Tables (notes §1.2, §1.6): one row per (ServiceId + grain, state name), optimistic
/// concurrency on the row's ETag with Replace-mode updates; 409/412/404 become <see cref="InconsistentStateException"/>.
/// States up to <see cref="AzureTableGrainStorageOptions.MaxInlineBytes"/> are split over Data, Data1 … Data14; larger ones
/// go to a blob with a unique name per write and the row holds its name, so a losing writer never touches the stored state.
/// </summary>
public sealed class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public const int MaxPropertyBytes = 64 * 1024;
    public const int MaxDataProperties = 15;
    private const string BlobProperty = "Blob";

    private static readonly string[] DataProperties = Enumerable.Range(0, MaxDataProperties).Select(i => i == 0 ? "Data" : $"Data{i}").ToArray();

    private readonly string _name;
    private readonly string _serviceId;
    private readonly AzureTableGrainStorageOptions _options;
    private readonly ILogger _log;
    private readonly Lazy<Task> _init;
    private TableClient _table = null!;
    private BlobContainerClient? _container;

    [ActivatorUtilitiesConstructor]
    public AzureTableGrainStorage(string name, AzureTableGrainStorageOptions options, IOptions<ClusterOptions> cluster, ILogger<AzureTableGrainStorage> log)
        : this(name, options, cluster.Value.ServiceId, log) { }

    public AzureTableGrainStorage(string name, AzureTableGrainStorageOptions options, string serviceId, ILogger log)
    {
        new AzureTableGrainStorageOptionsValidator(options, name).ValidateConfiguration();
        (_name, _options, _serviceId, _log) = (name, options, serviceId, log);
        _init = new Lazy<Task>(CreateAsync);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureTableGrainStorage)}-{_name}", _options.InitStage, InitializeAsync);

    /// <summary>Creates the table (and container) if needed; the other methods wait for it, so calling it is optional.</summary>
    public Task InitializeAsync(CancellationToken cancel = default) => _init.Value.WaitAsync(cancel);

    private async Task CreateAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var table = _options.TableServiceClient!.GetTableClient(_options.TableName);
        await table.CreateIfNotExistsAsync();
        if (_options.BlobServiceClient is { } blobs)
        {
            var container = blobs.GetBlobContainerClient(_options.ContainerName);
            await container.CreateIfNotExistsAsync();
            _container = container;
        }
        _table = table;
        _log.LogInformation("Grain storage {Name}: table {Table} ready in {Elapsed}", _name, _options.TableName, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private string PartitionKey(GrainId grainId) => AzureStorageClients.Key($"{_serviceId}_{grainId}");

    private static string RowKey(string stateName) => AzureStorageClients.Key(stateName);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await InitializeAsync();
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(grainId), RowKey(stateName));
        if (!found.HasValue || found.Value is not { } entity)
        {
            Reset(grainState, etag: null);
            return;
        }
        var data = await ReadDataAsync(entity);
        if (data is null)
        {
            Reset(grainState, entity.ETag.ToString());
            return;
        }
        grainState.State = _options.GrainStorageSerializer.Deserialize<T>(data);
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = grainState.State is not null;
        grainState.State ??= Activator.CreateInstance<T>();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await InitializeAsync();
        var data = _options.GrainStorageSerializer.Serialize(grainState.State);
        var entity = new TableEntity(PartitionKey(grainId), RowKey(stateName));
        string? newBlob = null;
        if (data.ToMemory().Length <= _options.MaxInlineBytes)
        {
            Split(data.ToMemory(), entity);
        }
        else
        {
            var container = _container ?? throw new ArgumentOutOfRangeException(nameof(grainState),
                $"state {stateName} of {grainId} is {data.ToMemory().Length} bytes, above the row limit of {_options.MaxInlineBytes}, and no BlobServiceClient is configured");
            newBlob = $"{entity.PartitionKey}/{entity.RowKey}/{Guid.NewGuid():N}";
            await container.GetBlobClient(newBlob).UploadAsync(data, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } });
            entity[BlobProperty] = newBlob;
        }
        // A state that moves between blob and row (or from one blob to the next) leaves the old blob to delete once replaced.
        var previousBlob = _container is null ? null : await CurrentBlobAsync(entity);
        try
        {
            grainState.ETag = await PutAsync(entity, grainState.ETag, stateName, grainId);
        }
        catch
        {
            if (newBlob is not null) await DeleteBlobQuietlyAsync(newBlob);
            throw;
        }
        grainState.RecordExists = true;
        if (previousBlob is not null) await DeleteBlobQuietlyAsync(previousBlob);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await InitializeAsync();
        var entity = new TableEntity(PartitionKey(grainId), RowKey(stateName));
        var previousBlob = _container is null ? null : await CurrentBlobAsync(entity);
        if (_options.DeleteStateOnClear)
        {
            if (!string.IsNullOrEmpty(grainState.ETag))
            {
                if (!IsTableETag(grainState.ETag))
                    throw new InconsistentStateException($"state {stateName} of {grainId}: ETag {grainState.ETag} was not issued by table storage", grainState.ETag, null, null);
                try { await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, new ETag(grainState.ETag)); }
                catch (RequestFailedException e) when (e.IsConditionFailure()) { throw Inconsistent(stateName, grainId, grainState.ETag, e); }
            }
            Reset(grainState, etag: null);
        }
        else
        {
            Reset(grainState, await PutAsync(entity, grainState.ETag, stateName, grainId));
        }
        if (previousBlob is not null) await DeleteBlobQuietlyAsync(previousBlob);
    }

    private static void Reset<T>(IGrainState<T> grainState, string? etag)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    // Insert when the caller has no ETag (fails if the row exists), otherwise Replace under the ETag; returns the new ETag.
    private async Task<string> PutAsync(TableEntity entity, string? etag, string stateName, GrainId grainId)
    {
        if (!string.IsNullOrEmpty(etag) && !IsTableETag(etag))
            throw new InconsistentStateException($"state {stateName} of {grainId}: ETag {etag} was not issued by table storage", etag, null, null);
        try
        {
            var response = string.IsNullOrEmpty(etag)
                ? await _table.AddEntityAsync(entity)
                : await _table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace);
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("table storage returned no ETag");
        }
        catch (RequestFailedException e) when (e.IsConditionFailure())
        {
            throw Inconsistent(stateName, grainId, etag, e);
        }
    }

    // Table ETags look like W/"datetime'2026-11-22T21%3A29%3A11.65Z'"; any other value (other than "*") cannot match a row,
    // and Azurite answers a malformed one with 400 rather than 412 (notes §4), so refuse it here as a lost condition.
    private static bool IsTableETag(string etag) =>
        etag == "*" || (etag.StartsWith("W/\"datetime'", StringComparison.Ordinal) && etag.EndsWith("'\"", StringComparison.Ordinal));

    private static InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? etag, RequestFailedException e) =>
        new($"state {stateName} of {grainId} was changed by someone else (expected ETag {etag ?? "none"}; {e.Status} {e.ErrorCode})", etag, null, e);

    private static void Split(ReadOnlyMemory<byte> data, TableEntity entity)
    {
        var count = (data.Length + MaxPropertyBytes - 1) / MaxPropertyBytes;
        // Never truncate: a state that does not fit in the properties is an error (notes §0.7).
        if (count > MaxDataProperties) throw new ArgumentOutOfRangeException(nameof(data), $"{data.Length} bytes do not fit in {MaxDataProperties} properties of {MaxPropertyBytes} bytes");
        for (var i = 0; i < count; i++)
        {
            var start = i * MaxPropertyBytes;
            entity[DataProperties[i]] = data.Slice(start, Math.Min(MaxPropertyBytes, data.Length - start)).ToArray();
        }
    }

    // The stored bytes, or null for a cleared row.
    private async Task<BinaryData?> ReadDataAsync(TableEntity entity)
    {
        if (entity.GetString(BlobProperty) is { } blob)
        {
            if (_container is null) throw new InvalidOperationException($"row {entity.PartitionKey}/{entity.RowKey} points to blob {blob} but no BlobServiceClient is configured");
            return (await _container.GetBlobClient(blob).DownloadContentAsync()).Value.Content;
        }
        var parts = new List<byte[]>();
        foreach (var property in DataProperties)
        {
            if (!entity.TryGetValue(property, out var value) || value is null) break;
            parts.Add(value switch
            {
                byte[] bytes => bytes,
                BinaryData binary => binary.ToArray(),
                string text => Convert.FromBase64String(text),
                _ => throw new InvalidDataException($"property {property} of {entity.PartitionKey}/{entity.RowKey} is a {value.GetType().Name}"),
            });
        }
        if (parts.Count == 0) return null;
        return BinaryData.FromBytes(parts.Count == 1 ? parts[0] : parts.SelectMany(p => p).ToArray());
    }

    private async Task<string?> CurrentBlobAsync(TableEntity key)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, [BlobProperty]);
        return row.HasValue ? row.Value?.GetString(BlobProperty) : null;
    }

    private async Task DeleteBlobQuietlyAsync(string blob)
    {
        try { await _container!.DeleteBlobIfExistsAsync(blob); }
        catch (RequestFailedException e) { _log.LogWarning(e, "Grain storage {Name}: could not delete unreferenced blob {Blob}", _name, blob); }
    }
}
