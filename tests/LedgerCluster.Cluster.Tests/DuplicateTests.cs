using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class DuplicateTests(ClusterFixture fixture)
{
    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task The_same_record_appended_at_once_from_every_silo_and_many_tasks_is_one_leaf()
    {
        var ledger = fixture.Ledger;
        using var key = Ed25519KeyPair.Generate();
        var record = TestRecords.Intake(TestRecords.Sign(TestRecords.Body($"dup-{Guid.NewGuid():N}", 1), key));
        var s = ledger.ShardOf(record.RecordId);
        var sizeBefore = (await ledger.Shard(s).GetInfo()).Size;

        var callers = ledger.Callers();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 32).Select(t => Task.Run(async () =>
        {
            start.Wait();
            return (await callers[t % callers.Count].GetGrain<ILogShardGrain>(s).Append([record]))[0];
        })).ToArray();
        start.Set();
        var acks = await Task.WhenAll(tasks);

        Assert.Single(acks.Select(a => a.Position).Distinct());
        Assert.Single(acks, a => !a.Duplicate);
        var info = await ledger.Shard(s).GetInfo();
        Assert.Equal(sizeBefore + 1, info.Size);
        Assert.Equal(sizeBefore, acks[0].Position.Index);
        var vkey = NoteVerifierKey.Parse(info.VerifierKey);
        Assert.All(acks, a => LogChecks.VerifyAcknowledgement(a, vkey));

        var leaves = await LogChecks.FsckAsync(ledger.OpenStore(), s, vkey);
        Assert.Single(leaves, l => l.RecordId == record.RecordId);
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task A_duplicate_sent_to_an_idle_shard_does_not_stall_later_appends()
    {
        // Regression: an append made only of duplicates used to leave the shard believing a flush was running, forever.
        var ledger = fixture.Ledger;
        using var key = Ed25519KeyPair.Generate();
        var run = $"idle-dup-{Guid.NewGuid():N}";
        var first = TestRecords.Intake(TestRecords.Sign(TestRecords.Body(run, 0), key));
        var s = ledger.ShardOf(first.RecordId);
        var next = Enumerable.Range(1, 100).Select(n => TestRecords.Intake(TestRecords.Sign(TestRecords.Body(run, n), key)))
            .First(r => ledger.ShardOf(r.RecordId) == s);
        var shard = ledger.Shard(s);
        var a = (await shard.Append([first]))[0];
        var again = (await shard.Append([first]).WaitAsync(TimeSpan.FromSeconds(10)))[0];
        Assert.True(again.Duplicate);
        Assert.Equal(a.Position, again.Position);
        var b = (await shard.Append([next]).WaitAsync(TimeSpan.FromSeconds(10)))[0];
        Assert.Equal(a.Position.Index + 1, b.Position.Index);
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task Overlapping_batches_from_many_callers_give_each_record_exactly_one_index()
    {
        var ledger = fixture.Ledger;
        var records = TestRecords.Many($"overlap-{Guid.NewGuid():N}", 40);
        var sizesBefore = await Task.WhenAll(Enumerable.Range(0, ledger.ShardCount).Select(s => ledger.Shard(s).GetInfo()));

        // Twelve callers each submit every record, in their own order and batch sizes, with repeats inside a batch too.
        var callers = ledger.Callers();
        var acks = await Task.WhenAll(Enumerable.Range(0, 12).Select(t => Task.Run(async () =>
        {
            var order = records.OrderBy(_ => Random.Shared.Next()).ToList();
            order.AddRange(order.Take(5));
            var results = new List<AppendResult>();
            foreach (var chunk in order.Chunk(1 + t))
            {
                var perShard = await Task.WhenAll(chunk.GroupBy(r => ledger.ShardOf(r.RecordId))
                    .Select(g => callers[t % callers.Count].GetGrain<ILogShardGrain>(g.Key).Append(g.ToArray())));
                results.AddRange(perShard.SelectMany(a => a));
            }
            return results;
        })));

        var byRecord = acks.SelectMany(a => a).GroupBy(a => a.RecordId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(records.Length, byRecord.Count);
        foreach (var (id, results) in byRecord)
        {
            Assert.Single(results.Select(r => r.Position).Distinct());
            Assert.Single(results, r => !r.Duplicate);
            Assert.Equal(results[0].Position, await ledger.Shard(ledger.ShardOf(id)).Find(id));
        }
        for (var s = 0; s < ledger.ShardCount; s++)
        {
            var info = await ledger.Shard(s).GetInfo();
            Assert.Equal(sizesBefore[s].Size + records.Count(r => ledger.ShardOf(r.RecordId) == s), info.Size);
            await LogChecks.FsckAsync(ledger.OpenStore(), s, NoteVerifierKey.Parse(info.VerifierKey));
        }
    }

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task A_second_key_signing_the_same_body_gets_the_same_leaf_and_the_first_bytes_stay()
    {
        var ledger = fixture.Ledger;
        using var first = Ed25519KeyPair.Generate();
        using var second = Ed25519KeyPair.Generate();
        var body = TestRecords.Body($"cosigned-{Guid.NewGuid():N}", 7);
        var original = TestRecords.Intake(TestRecords.Sign(body, first));
        var countersigned = TestRecords.Intake(TestRecords.Sign(body, second));
        Assert.Equal(original.RecordId, countersigned.RecordId);
        Assert.NotEqual(original.RecordJson, countersigned.RecordJson);

        var s = ledger.ShardOf(original.RecordId);
        var shard = ledger.Shard(s);
        var sizeBefore = (await shard.GetInfo()).Size;
        var a = (await shard.Append([original]))[0];
        // From another silo's caller, and twice in one batch.
        var b = await ledger.Callers()[^1].GetGrain<ILogShardGrain>(s).Append([countersigned, countersigned]);

        Assert.False(a.Duplicate);
        Assert.All(b, r => Assert.True(r.Duplicate));
        Assert.All(b, r => Assert.Equal(a.Position, r.Position));
        Assert.Equal(sizeBefore + 1, (await shard.GetInfo()).Size);
        var view = await ledger.Cluster.Client.GetGrain<IRunRecordGrain>(original.RecordId).Get();
        Assert.NotNull(view);
        Assert.Equal(a.Position, view.Position);
        Assert.Equal(original.RecordJson, view.RecordJson);
    }
}
