using Azure;
using Azure.Data.Tables;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage.Azure;
using LedgerCluster.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>The <see cref="IGrainStorage"/> contract for <see cref="AzureTableGrainStorage"/> on Azurite, plus what only it has: blobs for large states, keys.</summary>
[Trait("Category", "Storage")]
[RequiresAzurite]
public sealed class AzureTableGrainStorageConformanceTests : GrainStorageConformance
{
    // One table and container per test run (Azurite keeps data while it runs); grain ids are fresh per test.
    private static readonly string Table = Azurite.UniqueName("grains");
    private static readonly string Container = Azurite.UniqueName("grains-");
    private static readonly string ServiceId = Azurite.UniqueName("service");

    public AzureTableGrainStorageConformanceTests() => Azure = Create();

    private AzureTableGrainStorage Azure { get; }

    protected override IGrainStorage Storage => Azure;

    private static AzureTableGrainStorage Create(bool blobs = true, bool deleteOnClear = false)
    {
        var options = new AzureTableGrainStorageOptions
        {
            TableName = Table, ContainerName = Container, DeleteStateOnClear = deleteOnClear,
            GrainStorageSerializer = new OrleansGrainStorageSerializer(StorageSerializer.Create()),
        };
        options.UseConnectionString(Azurite.ConnectionString);
        if (!blobs) options.BlobServiceClient = null;
        return new AzureTableGrainStorage("test", options, ServiceId, NullLogger.Instance);
    }

    private static RunRecordState Large(string tag, int bytes) => new()
    {
        Attestations = [new Attestation(tag, new string('x', bytes), "evidence", "2026-01-01T00:00:00.000000+00:00")],
    };

    [StorageFact]
    public async Task LargeState_RoundTripsThroughABlob_AndShrinksBackIntoTheRow()
    {
        var id = NewGrainId();
        var state = new GrainState<RunRecordState> { State = Large("big", 1_500_000) };
        await Storage.WriteStateAsync(StateName, id, state);

        var read = new GrainState<RunRecordState>();
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(1_500_000, Assert.Single(read.State!.Attestations).Statement.Length);

        // Another large write under a stale ETag fails and leaves the stored blob state readable.
        var stale = new GrainState<RunRecordState> { State = Large("stale", 1_200_000), ETag = state.ETag };
        state.State = Large("bigger", 2_000_000);
        await Storage.WriteStateAsync(StateName, id, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, stale));
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal("bigger", Assert.Single(read.State!.Attestations).PublicKey);

        state.State = Sample("small");
        await Storage.WriteStateAsync(StateName, id, state);
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.Equal("small", Assert.Single(read.State!.Attestations).PublicKey);
    }

    [StorageFact]
    public async Task StateNearTheRowLimit_IsSplitAcrossDataProperties()
    {
        var id = NewGrainId();
        var state = new GrainState<RunRecordState> { State = Large("row", 900_000) };
        await Create(blobs: false).WriteStateAsync(StateName, id, state);
        var read = new GrainState<RunRecordState>();
        await Create(blobs: false).ReadStateAsync(StateName, id, read);
        Assert.Equal(900_000, Assert.Single(read.State!.Attestations).Statement.Length);
    }

    [StorageFact]
    public async Task StateAboveTheRowLimit_WithoutBlobs_ThrowsInsteadOfTruncating()
    {
        var id = NewGrainId();
        var state = new GrainState<RunRecordState> { State = Large("huge", 1_100_000) };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Create(blobs: false).WriteStateAsync(StateName, id, state));
        var read = new GrainState<RunRecordState>();
        await Storage.ReadStateAsync(StateName, id, read);
        Assert.False(read.RecordExists);
    }

    [StorageFact]
    public async Task OutsideWrite_MakesTheNextWriteFail()
    {
        var id = NewGrainId();
        var state = new GrainState<RunRecordState> { State = Sample("mine") };
        await Storage.WriteStateAsync(StateName, id, state);

        // Someone else (another silo, an operator) rewrites the row behind the grain's back.
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(Table);
        TableEntity? row = null;
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.RowKey == StateName))
            if (e.PartitionKey.EndsWith(id.Key.ToString()!, StringComparison.Ordinal)) row = e;
        Assert.NotNull(row);
        row["Outside"] = "yes";
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge);

        state.State = Sample("mine-again");
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, state));
    }

    [StorageFact]
    public async Task DeleteStateOnClear_RemovesTheRow()
    {
        var storage = Create(deleteOnClear: true);
        var id = NewGrainId();
        var state = new GrainState<RunRecordState> { State = Sample() };
        await storage.WriteStateAsync(StateName, id, state);
        await storage.ClearStateAsync(StateName, id, state);
        Assert.Null(state.ETag);
        var read = new GrainState<RunRecordState>();
        await storage.ReadStateAsync(StateName, id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        await storage.ClearStateAsync(StateName, id, read);
    }

    [StorageFact]
    public async Task LongAndOddGrainIds_MapToDistinctValidKeys()
    {
        var ids = new[] { "a/b", "a_b", "a%2Fb", "q?#\\", new string('k', 2000), new string('k', 1999) + "j" }.Select(k => NewGrainId(k)).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            await Storage.WriteStateAsync(StateName, id, new GrainState<RunRecordState> { State = Sample($"v{i}") });
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var read = new GrainState<RunRecordState>();
            await Storage.ReadStateAsync(StateName, id, read);
            Assert.Equal($"v{i}", Assert.Single(read.State!.Attestations).PublicKey);
        }
        Assert.All(ids, id => Assert.True(AzureStorageClients.Key(id.ToString()).Length < 512));
    }
}
