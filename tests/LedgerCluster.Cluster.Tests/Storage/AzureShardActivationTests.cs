using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;
using LedgerCluster.Tests.Shared;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// A shard grain on Azure storage (Azurite), restarted: it activates from the head and the right edge alone, proves old and
/// new records from stored tiles, and finds duplicates through the index. What it read is counted on the wire per store
/// method (<see cref="AzureRequestLog"/>, <see cref="CallerNamingLogStore"/>), so other grains reading at the same time
/// (the reproduction queue) do not blur it.
/// </summary>
[Trait("Category", "Storage")]
public sealed class AzureShardActivationTests(ITestOutputHelper output)
{
    private readonly string _table = Azurite.UniqueName("log");
    private readonly string _container = Azurite.UniqueName("log-");

    private async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[AzureLogSiloConfigurator.ConnectionKey] = Azurite.ConnectionString;
        builder.Properties[AzureLogSiloConfigurator.TableKey] = _table;
        builder.Properties[AzureLogSiloConfigurator.ContainerKey] = _container;
        builder.AddSiloBuilderConfigurator<AzureLogSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task StopAsync(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    [AzuriteFact(Timeout = 240_000)]
    public async Task A_restarted_shard_activates_from_its_edge_and_proves_and_finds_through_stored_tiles_and_the_index()
    {
        var records = TestRecords.Many("azure-edge", 600);
        var acks = new List<AppendResult>();
        ShardInfo before;
        string checkpoint;
        var first = await StartAsync();
        try
        {
            var shard = first.Client.GetGrain<ILogShardGrain>(0);
            // Two records per append: 300 segment rows, so reading every leaf would read 300 rows.
            foreach (var pair in records.Chunk(2)) acks.AddRange(await shard.Append(pair));
            before = await shard.GetInfo();
            checkpoint = await shard.GetCheckpoint();
        }
        finally
        {
            await StopAsync(first);
        }
        Assert.Equal(600, before.Size);

        var log = AzureRequestLog.For(_table);
        var second = await StartAsync();
        try
        {
            log.Clear();
            var shard = second.Client.GetGrain<ILogShardGrain>(0);
            Assert.Equal(before, await shard.GetInfo());
            Assert.Equal(checkpoint, await shard.GetCheckpoint());
            output.WriteLine(string.Join("\n", log.Requests.GroupBy(r => r.Caller).Select(g => $"{g.Key}: {g.Count()} requests, {g.Sum(r => r.Entities)} entities")));
            // Activation: the head row, the segments of leaves 512..599 (44 rows), one row of level-1 tree hashes.
            Assert.Equal(0, log.EntitiesReadFor(nameof(ILogStore.LoadShardAsync)));
            Assert.Equal(1, log.EntitiesReadFor(nameof(ILogStore.LoadHeadAsync)));
            Assert.InRange(log.EntitiesReadFor(nameof(ILogStore.ReadLeavesAsync)), 44, 46);
            Assert.InRange(log.EntitiesReadFor(nameof(ILogStore.ReadTreeHashesAsync)), 0, 2);

            // Proofs of an old and a new record against the checkpoint signed before the restart: the old one needs the full
            // tile of leaves 0..255 (128 segment rows), nothing more.
            var key = NoteVerifierKey.Parse(before.VerifierKey);
            var signed = LogChecks.VerifySigned(checkpoint, key);
            foreach (var ack in new[] { acks[3], acks[599], acks[300] })
            {
                var proof = await shard.GetRecordProof(ack.RecordId);
                Assert.NotNull(proof);
                Assert.Equal(ack.Position, proof.Position);
                LogChecks.VerifyInclusion(ack.RecordId, ack.Position.Index, proof.Hashes, signed);
            }
            Assert.InRange(log.EntitiesReadFor(nameof(ILogStore.ReadLeavesAsync)), 44, 46 + 2 * 128);

            // A record already logged is a duplicate, found through the index.
            var again = Assert.Single(await shard.Append([records[10]]));
            Assert.True(again.Duplicate);
            Assert.Equal(acks[10].Position, again.Position);
            Assert.Equal(0, log.BlobReadsFor(nameof(ILogStore.LoadHeadAsync), nameof(ILogStore.ReadLeavesAsync),
                nameof(ILogStore.ReadTreeHashesAsync), nameof(ILogStore.FindAsync)));
            Assert.Equal(600, (await shard.GetInfo()).Size);

            // The store finds duplicates as it reserves ids (no lookup per record before an append): a batch mixing a logged
            // record and a new one answers the first from where it is and appends only the second.
            var fresh = TestRecords.Many("azure-edge-more", 1)[0];
            var mixed = await shard.Append([records[20], fresh]);
            Assert.True(mixed[0].Duplicate);
            Assert.Equal(acks[20].Position, mixed[0].Position);
            Assert.False(mixed[1].Duplicate);
            Assert.Equal(new LogPosition(0, 600), mixed[1].Position);
            Assert.Equal(601, (await shard.GetInfo()).Size);
            Assert.True(Assert.Single(await shard.Append([fresh])).Duplicate);
        }
        finally
        {
            await StopAsync(second);
        }
    }
}
