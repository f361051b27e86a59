using System.Collections.Concurrent;
using System.Diagnostics;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Xunit.Abstractions;

namespace LedgerCluster.Cluster.Tests;

/// <summary>Destructive, so on a cluster of its own; in the cluster collection so that nothing else runs meanwhile.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class SiloFailureTests(ITestOutputHelper output)
{
    private const int Submitters = 6;
    private const int PerSubmitter = 120;

    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task Killing_the_silo_that_hosts_the_shards_mid_stream_loses_no_acknowledged_record_and_duplicates_none()
    {
        using var dir = new TempDirectory();
        await using var ledger = await LedgerTestCluster.StartAsync(dir.Path("ledger.db"), silos: 3, shards: 4, maxBatch: 16);
        var cluster = ledger.Cluster;
        var shards = Enumerable.Range(0, ledger.ShardCount).ToArray();
        // Activate every shard on one secondary silo (a placement hint on the activating call), so the kill takes all of
        // them down mid-stream; the management grain confirms where each activation lives.
        var clock = Stopwatch.StartNew();
        var victim = cluster.SecondarySilos[0];
        RequestContext.Set(IPlacementDirector.PlacementHintKey, victim.SiloAddress);
        var infos = await Task.WhenAll(shards.Select(s => ledger.Shard(s).GetInfo()));
        RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        var keys = infos.Select(i => NoteVerifierKey.Parse(i.VerifierKey)).ToArray();
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var hosts = await Task.WhenAll(shards.Select(s => management.GetActivationAddress(ledger.Shard(s)).AsTask()));
        output.WriteLine($"shards hosted on {string.Join(", ", hosts.Select(h => h?.ToString() ?? "?"))} after {clock.ElapsedMilliseconds} ms; victim {victim.SiloAddress}");
        Assert.All(hosts, h => Assert.Equal(victim.SiloAddress, h));

        // Submitters call through the survivors (the client and the other silos' factories), retrying each record a bounded number of times.
        var callers = new List<IGrainFactory> { cluster.Client };
        callers.AddRange(cluster.GetActiveSilos().Where(h => h != victim)
            .Select(h => cluster.GetSiloServiceProvider(h.SiloAddress).GetRequiredService<IGrainFactory>()));
        var submissions = Enumerable.Range(0, Submitters).AsParallel().AsOrdered()
            .Select(c => { using var key = Ed25519KeyPair.Generate(); return TestRecords.Many($"kill-{c}", PerSubmitter, key); })
            .ToArray();
        var acks = new ConcurrentDictionary<string, AppendResult>();
        var errors = new ConcurrentQueue<string>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledged = 0;
        var stream = Task.WhenAll(submissions.Select((records, c) => Task.Run(async () =>
        {
            foreach (var record in records)
            {
                var ack = await LogChecks.RetryAsync(
                    () => callers[c % callers.Count].GetGrain<ILogShardGrain>(ledger.ShardOf(record.RecordId)).Append([record]),
                    attempts: 40, onError: e => errors.Enqueue(e.GetType().Name));
                Assert.True(acks.TryAdd(record.RecordId, ack[0]));
                if (Interlocked.Increment(ref acknowledged) == Submitters * PerSubmitter / 3) third.TrySetResult();
            }
        })));

        await third.Task.WaitAsync(TimeSpan.FromSeconds(60));
        clock.Restart();
        await cluster.KillSiloAsync(victim);
        output.WriteLine($"killed {victim.SiloAddress} after {Volatile.Read(ref acknowledged)} acknowledgements");
        await cluster.WaitForLivenessToStabilizeAsync();
        output.WriteLine($"liveness stable {clock.ElapsedMilliseconds} ms after the kill");
        await stream;
        output.WriteLine($"stream done {clock.ElapsedMilliseconds} ms after the kill; {errors.Count} failed attempts retried ({string.Join(", ", errors.GroupBy(e => e).Select(g => $"{g.Key} x{g.Count()}"))}); {acks.Values.Count(a => a.Duplicate)} acknowledged as already logged");
        var all = submissions.SelectMany(r => r).ToDictionary(r => r.RecordId);
        Assert.Equal(all.Count, acks.Count);
        foreach (var s in shards)
        {
            var shard = ledger.Shard(s);
            var info = await shard.GetInfo();
            Assert.Equal(infos[s].VerifierKey, info.VerifierKey);
            var mine = acks.Values.Where(a => ledger.ShardOf(a.RecordId) == s).ToList();

            // Exactly once: the shard grew by one leaf per record, each at the index its acknowledgement gave.
            Assert.Equal(mine.Count, info.Size);
            var leaves = await LogChecks.FsckAsync(ledger.OpenStore(), s, keys[s]);
            Assert.Equal(mine.Select(a => a.RecordId).Order(), leaves.Select(l => l.RecordId).Order());
            var latest = LogChecks.VerifySigned(await shard.GetCheckpoint(), keys[s]);
            Assert.Equal((ulong)info.Size, latest.Size);
            var seen = new List<Checkpoint> { latest };
            foreach (var ack in mine)
            {
                seen.Add(LogChecks.VerifyAcknowledgement(ack, keys[s]));
                Assert.Equal(ack.Position, await shard.Find(ack.RecordId));
                var proof = (await shard.GetRecordProof(ack.RecordId))!;
                Assert.Equal(latest, LogChecks.VerifySigned(proof.Checkpoint, keys[s]));
                LogChecks.VerifyInclusion(ack.RecordId, ack.Position.Index, proof.Hashes, latest);
            }
            // Checkpoints from before and after the kill are one history.
            await LogChecks.VerifyMutuallyConsistentAsync(shard, seen);
        }
        // A replacement silo joins; the shards keep extending the same trees.
        await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var replacement = cluster.GetActiveSilos().Last();
        var extra = TestRecords.Many("kill-after", 20);
        var via = cluster.GetSiloServiceProvider(replacement.SiloAddress).GetRequiredService<IGrainFactory>();
        foreach (var record in extra)
        {
            var s = ledger.ShardOf(record.RecordId);
            var before = LogChecks.VerifySigned(await ledger.Shard(s).GetCheckpoint(), keys[s]);
            var ack = (await LogChecks.RetryAsync(() => via.GetGrain<ILogShardGrain>(s).Append([record])))[0];
            Assert.False(ack.Duplicate);
            await LogChecks.VerifyMutuallyConsistentAsync(ledger.Shard(s), [before, LogChecks.VerifyAcknowledgement(ack, keys[s])]);
        }
        output.WriteLine($"total {clock.ElapsedMilliseconds} ms after the kill");
    }
}
