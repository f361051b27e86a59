using System.Collections.Concurrent;
using System.Diagnostics;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Log;
using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;
using Xunit.Abstractions;

namespace LedgerCluster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ConcurrentSubmissionTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int PerClient = 100;

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task Concurrent_submissions_across_shards_are_each_provable_under_a_signed_checkpoint_and_all_checkpoints_agree()
    {
        var ledger = fixture.Ledger;
        var run = Guid.NewGuid().ToString("N")[..8];
        var submissions = Enumerable.Range(0, Clients).AsParallel().AsOrdered()
            .Select(c =>
            {
                using var key = Ed25519KeyPair.Generate();
                return TestRecords.Many($"concurrent-{run}-{c}", PerClient, key);
            })
            .ToArray();

        var before = await Task.WhenAll(Enumerable.Range(0, ledger.ShardCount).Select(s => ledger.Shard(s).GetInfo()));
        var keys = before.Select(i => NoteVerifierKey.Parse(i.VerifierKey)).ToArray();
        for (var s = 0; s < ledger.ShardCount; s++)
        {
            Assert.Equal(s, before[s].Shard);
            Assert.Equal(ShardOrigin.For(ShardOrigin.DefaultPrefix, s), before[s].Origin);
            Assert.Equal(before[s].Origin, keys[s].Name);
        }

        // 16 clients spread over 4 callers (the cluster client and each silo's own grain factory); even clients send one record
        // per call, odd ones send batches of 10 split by shard, as the gateway's batch endpoint does.
        var callers = ledger.Callers();
        var acks = new ConcurrentBag<AppendResult>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(submissions.Select((records, c) => Task.Run(async () =>
        {
            var caller = callers[c % callers.Count];
            if (c % 2 == 0)
            {
                foreach (var record in records)
                    foreach (var ack in await caller.GetGrain<ILogShardGrain>(ledger.ShardOf(record.RecordId)).Append([record])) acks.Add(ack);
            }
            else
            {
                foreach (var chunk in records.Chunk(10))
                {
                    var perShard = await Task.WhenAll(chunk.GroupBy(r => ledger.ShardOf(r.RecordId))
                        .Select(g => caller.GetGrain<ILogShardGrain>(g.Key).Append(g.ToArray())));
                    foreach (var ack in perShard.SelectMany(a => a)) acks.Add(ack);
                }
            }
        })));
        output.WriteLine($"{Clients * PerClient} records appended in {clock.ElapsedMilliseconds} ms");

        var all = submissions.SelectMany(r => r).ToDictionary(r => r.RecordId);
        Assert.Equal(all.Count, acks.Count);
        Assert.Equal(all.Keys.Order(), acks.Select(a => a.RecordId).Order());
        Assert.All(acks, a => Assert.False(a.Duplicate));

        for (var s = 0; s < ledger.ShardCount; s++)
        {
            var shard = ledger.Shard(s);
            var mine = acks.Where(a => ledger.ShardOf(a.RecordId) == s).ToList();
            Assert.All(mine, a => Assert.Equal(s, a.Position.Shard));

            // Every acknowledgement carries its own evidence: a proof under a checkpoint signed by this shard's key.
            var seen = mine.Select(a => LogChecks.VerifyAcknowledgement(a, keys[s])).ToList();

            // One leaf each, at distinct indices that fill exactly the range the shard grew by.
            var after = await shard.GetInfo();
            Assert.Equal(before[s].VerifierKey, after.VerifierKey);
            Assert.Equal(before[s].Size + mine.Count, after.Size);
            Assert.Equal(Enumerable.Range((int)before[s].Size, mine.Count).Select(i => (long)i), mine.Select(a => a.Position.Index).Order());

            // The latest checkpoint covers everything; every record's current proof verifies against it.
            var latest = LogChecks.VerifySigned(await shard.GetCheckpoint(), keys[s]);
            Assert.Equal((ulong)after.Size, latest.Size);
            seen.Add(latest);
            foreach (var ack in mine)
            {
                Assert.Equal(ack.Position, await shard.Find(ack.RecordId));
                var proof = await shard.GetRecordProof(ack.RecordId);
                Assert.NotNull(proof);
                Assert.Equal(ack.Position, proof.Position);
                var under = LogChecks.VerifySigned(proof.Checkpoint, keys[s]);
                LogChecks.VerifyInclusion(ack.RecordId, proof.Position.Index, proof.Hashes, under);
            }

            // Every checkpoint anyone was handed is consistent with every other one.
            var pairs = await LogChecks.VerifyMutuallyConsistentAsync(shard, seen);
            output.WriteLine($"shard {s}: {mine.Count} records, {seen.Select(c => c.Size).Distinct().Count()} checkpoint sizes seen, {pairs} consistency pairs verified");

            // And storage agrees: no record twice, every stored checkpoint signed and matching the stored leaves.
            var leaves = await LogChecks.FsckAsync(ledger.OpenStore(), s, keys[s]);
            Assert.Equal(after.Size, leaves.Count);
            Assert.All(mine, a => Assert.Equal(a.RecordId, leaves[(int)a.Position.Index].RecordId));
            Assert.All(mine, a => Assert.Equal(all[a.RecordId].RecordJson, leaves[(int)a.Position.Index].Json));
        }
        output.WriteLine($"total {clock.ElapsedMilliseconds} ms");
    }
}
