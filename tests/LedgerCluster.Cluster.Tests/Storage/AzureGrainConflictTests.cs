using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Grains.Storage.Azure;
using LedgerCluster.Silo;
using LedgerCluster.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>A silo wired for Azure storage exactly as <see cref="LedgerHost"/> does it for `--storage azure`.</summary>
public sealed class AzureSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionKey = "Ledger:AzureConnection";
    public const string PrefixKey = "Ledger:AzurePrefix";

    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddLedgerStorage(new LedgerHostOptions
        {
            Storage = StorageKind.Azure, AzureConnectionString = silo.Configuration[ConnectionKey], AzureNamePrefix = silo.Configuration[PrefixKey]!,
        });
    }
}

/// <summary>Through a live grain on Azure grain storage: a write behind the grain's back makes its next write fail, and a retry sees both.</summary>
[Trait("Category", "Storage")]
[RequiresAzurite]
public sealed class AzureGrainConflictTests
{
    private static Attestation Attest(string key) => new(key, "signed", "evidence", "2026-01-01T00:00:00.000000+00:00");

    [StorageFact]
    public async Task OutsideWrite_MakesTheNextGrainWriteFail_AndARetrySeesBoth()
    {
        var prefix = Azurite.UniqueName("grainconflict");
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[AzureSiloConfigurator.ConnectionKey] = Azurite.ConnectionString;
        builder.Properties[AzureSiloConfigurator.PrefixKey] = prefix;
        builder.AddSiloBuilderConfigurator<AzureSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var key = Guid.NewGuid().ToString("N");
            var grain = cluster.Client.GetGrain<IRunRecordGrain>(key);
            Assert.True(await grain.AddAttestation(Attest("first")));

            // Another writer (an operator's tool, a stale silo) updates the same row through its own provider instance.
            var settings = LedgerStorage.AzureSettings(new LedgerHostOptions { Storage = StorageKind.Azure, AzureConnectionString = Azurite.ConnectionString, AzureNamePrefix = prefix })!;
            var options = new AzureTableGrainStorageOptions
            {
                TableName = settings.GrainTable, ContainerName = settings.GrainContainer,
                GrainStorageSerializer = new OrleansGrainStorageSerializer(StorageSerializer.Create()),
            };
            options.UseConnectionString(Azurite.ConnectionString);
            var outside = new AzureTableGrainStorage("outside", options, cluster.Options.ServiceId, NullLogger.Instance);
            var id = GrainId.Create("ledger-record", key);
            var state = new GrainState<RunRecordState>();
            await outside.ReadStateAsync("record", id, state);
            Assert.Equal("first", Assert.Single(state.State!.Attestations).PublicKey);
            state.State.Attestations.Add(Attest("outside"));
            await outside.WriteStateAsync("record", id, state);

            await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAttestation(Attest("second")));
            // The failed activation was deactivated; the retry reloads the row, outside write included.
            Assert.True(await grain.AddAttestation(Attest("second")));
            await outside.ReadStateAsync("record", id, state);
            Assert.Equal(["first", "outside", "second"], state.State.Attestations.Select(a => a.PublicKey));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
