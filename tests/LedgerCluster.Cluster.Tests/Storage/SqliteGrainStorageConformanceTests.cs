using LedgerCluster.Grains.Storage;
using Orleans.Storage;

namespace LedgerCluster.Cluster.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class SqliteGrainStorageConformanceTests : GrainStorageConformance, IDisposable
{
    private readonly TempDirectory _dir = new();

    public SqliteGrainStorageConformanceTests() => Storage = new SqliteGrainStorage(_dir.Path("grains.db"), StorageSerializer.Create());

    protected override IGrainStorage Storage { get; }

    public void Dispose() => _dir.Dispose();
}
