using LedgerCluster.Grains.Records;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>The Orleans serializer a silo would give a storage provider, knowing the ledger's state types.</summary>
public static class StorageSerializer
{
    public static Serializer Create() =>
        new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(RunRecordState).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
}
