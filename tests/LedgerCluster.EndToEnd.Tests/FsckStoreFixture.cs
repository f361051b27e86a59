using LedgerCluster.Core.Crypto;
using Microsoft.Data.Sqlite;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// One store written by a real node (single submissions, so one checkpoint per record, then a batch), stopped and
/// closed. Each test corrupts its own copy.
/// </summary>
public sealed class FsckStoreFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public string Database => _dir.File("ledger.db");

    public const int Records = 48;

    public async Task InitializeAsync()
    {
        using var key = Ed25519KeyPair.Generate();
        await using (var node = await EmbeddedNode.StartAsync(_dir.Path))
        {
            for (var i = 0; i < 32; i++) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(key, i)))).Accepted);
            var batch = await node.Client.SubmitBatchAsync(Enumerable.Range(32, Records - 32).Select(i => TestRecords.Bytes(TestRecords.Make(key, i))));
            Assert.All(batch, s => Assert.True(s.Accepted));
        }
        // Close pooled connections: the last close folds the WAL into the file, so a copy of ledger.db is the whole store.
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A private copy of the store in a fresh data directory.</summary>
    public TempDirectory Copy()
    {
        var copy = new TempDirectory();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(Database + suffix)) File.Copy(Database + suffix, copy.File("ledger.db" + suffix));
        return copy;
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
