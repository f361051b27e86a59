using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LedgerCluster.Grains.Storage.Azure;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// Records every request the Azure clients it is added to send (to the real Azurite), and how many table entities each
/// answer carried: what a test asserts about how much a store read. Silos of a TestCluster share the process, so logs are
/// also kept by table name (<see cref="For"/>).
/// </summary>
public sealed class AzureRequestLog : HttpPipelinePolicy
{
    private static readonly ConcurrentDictionary<string, AzureRequestLog> ByTable = new(StringComparer.Ordinal);

    private static readonly AsyncLocal<string?> CurrentCaller = new();

    private readonly ConcurrentQueue<AzureRequest> _requests = new();
    // Azurite serves tables and blobs on ports of their own.
    private int _tablePort;

    /// <summary>The log of the stores opened on <paramref name="table"/> by <see cref="OpenStore"/>.</summary>
    public static AzureRequestLog For(string table) => ByTable.GetOrAdd(table, _ => new AzureRequestLog());

    /// <summary>A store on Azurite whose requests go to the log of <paramref name="table"/>.</summary>
    public static AzureLogStore OpenStore(string connectionString, string table, string container)
    {
        var log = For(table);
        var tableOptions = AzureStorageClients.TableOptions();
        tableOptions.AddPolicy(log, HttpPipelinePosition.PerCall);
        var blobOptions = AzureStorageClients.BlobOptions();
        blobOptions.AddPolicy(log, HttpPipelinePosition.PerCall);
        var tables = new TableServiceClient(connectionString, tableOptions);
        log._tablePort = tables.Uri.Port;
        return new AzureLogStore(tables, new BlobServiceClient(connectionString, blobOptions), table, container);
    }

    /// <summary>Names what the requests sent from here on (in this async flow) are for: see <see cref="CallerNamingLogStore"/>.</summary>
    public static void NameCaller(string caller) => CurrentCaller.Value = caller;

    public IReadOnlyList<AzureRequest> Requests => [.. _requests];

    /// <summary>Table entities read for <paramref name="caller"/> since the last <see cref="Clear"/>.</summary>
    public int EntitiesReadFor(string caller) => Requests.Where(r => r.IsTable && r.Method == "GET" && r.Caller == caller).Sum(r => r.Entities);

    /// <summary>Blob downloads made for any of <paramref name="callers"/> since the last <see cref="Clear"/>.</summary>
    public int BlobReadsFor(params string[] callers) => Requests.Count(r => !r.IsTable && r.Method == "GET" && callers.Contains(r.Caller) && !r.Uri.Query.Contains("comp=", StringComparison.Ordinal));

    public void Clear() => _requests.Clear();

    /// <summary>Table entities read since the last <see cref="Clear"/> (each query answer's rows, 1 for a point read found).</summary>
    public int EntitiesRead => Requests.Where(r => r.IsTable && r.Method == "GET").Sum(r => r.Entities);

    /// <summary>Blob downloads (GET of a blob, ranged or not) since the last <see cref="Clear"/>.</summary>
    public int BlobReads => Requests.Count(r => !r.IsTable && r.Method == "GET" && !r.Uri.Query.Contains("comp=", StringComparison.Ordinal));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Record(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Record(message);
    }

    private void Record(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var isTable = uri.Port == _tablePort;
        _requests.Enqueue(new AzureRequest(message.Request.Method.ToString(), uri, message.Response.Status, isTable, isTable ? Entities(message.Response) : 0, CurrentCaller.Value));
    }

    // A query answers {"value": [...]}; a point read, the entity itself.
    private static int Entities(global::Azure.Response response)
    {
        if (response.Status != 200 || response.Content is not { } content || content.ToMemory().Length == 0) return 0;
        try
        {
            using var json = JsonDocument.Parse(content.ToMemory());
            return json.RootElement.ValueKind != JsonValueKind.Object ? 0
                : json.RootElement.TryGetProperty("value", out var rows) && rows.ValueKind == JsonValueKind.Array ? rows.GetArrayLength() : 1;
        }
        catch (JsonException) { return 0; }
    }
}
