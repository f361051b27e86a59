using System.Diagnostics;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.GrainInterfaces;
using Xunit.Abstractions;

namespace LedgerCluster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class RestartTests(ITestOutputHelper output)
{
    [Fact(Timeout = ClusterCollection.TestTimeout)]
    public async Task A_new_cluster_on_the_same_file_resumes_every_shard_where_the_stopped_one_left_it()
    {
        using var dir = new TempDirectory();
        var database = dir.Path("ledger.db");
        var records = TestRecords.Many("restart", 120);
        var clock = Stopwatch.StartNew();

        ShardInfo[] infos;
        string[] checkpoints;
        var acks = new Dictionary<string, AppendResult>();
        var attestation = new Attestation(new string('b', 64), "signed", new string('c', 128), "2026-01-01T00:00:00.000000+00:00");
        await using (var first = await LedgerTestCluster.StartAsync(database, silos: 2, shards: 4, maxBatch: 16))
        {
            var callers = first.Callers();
            var results = await Task.WhenAll(records.Chunk(10).Select((chunk, c) => Task.Run(async () =>
                (await Task.WhenAll(chunk.GroupBy(r => first.ShardOf(r.RecordId))
                    .Select(g => callers[c % callers.Count].GetGrain<ILogShardGrain>(g.Key).Append(g.ToArray())))).SelectMany(a => a))));
            foreach (var ack in results.SelectMany(a => a)) acks.Add(ack.RecordId, ack);
            Assert.True(await first.Cluster.Client.GetGrain<IRunRecordGrain>(records[0].RecordId).AddAttestation(attestation));
            infos = await Task.WhenAll(Enumerable.Range(0, first.ShardCount).Select(s => first.Shard(s).GetInfo()));
            checkpoints = await Task.WhenAll(Enumerable.Range(0, first.ShardCount).Select(s => first.Shard(s).GetCheckpoint()));
        }
        output.WriteLine($"first cluster: {records.Length} records, stopped after {clock.ElapsedMilliseconds} ms");

        await using var second = await LedgerTestCluster.StartAsync(database, silos: 2, shards: 4, maxBatch: 16);
        output.WriteLine($"second cluster up after {clock.ElapsedMilliseconds} ms");
        for (var s = 0; s < second.ShardCount; s++)
        {
            var shard = second.Shard(s);
            var info = await shard.GetInfo();
            Assert.Equal(infos[s], info);
            Assert.Equal(checkpoints[s], await shard.GetCheckpoint());
            var key = NoteVerifierKey.Parse(info.VerifierKey);
            var old = LogChecks.VerifySigned(checkpoints[s], key);
            foreach (var ack in acks.Values.Where(a => a.Position.Shard == s))
            {
                Assert.Equal(ack.Position, await shard.Find(ack.RecordId));
                var proof = (await shard.GetRecordProof(ack.RecordId))!;
                Assert.Equal(checkpoints[s], proof.Checkpoint);
                LogChecks.VerifyInclusion(ack.RecordId, ack.Position.Index, proof.Hashes, old);
            }
        }
        var view = await second.Cluster.Client.GetGrain<IRunRecordGrain>(records[0].RecordId).Get();
        Assert.Equal(attestation, Assert.Single(view!.Attestations));
        var board = await second.Cluster.Client.GetGrain<ILeaderboardGrain>(LeaderboardKeys.All).GetEntries(null);
        Assert.Equal(records.Select(r => r.RecordId).Order(), board.Select(e => e.RecordId).Order());

        // New appends extend the same trees: the old checkpoint is a prefix of the new one.
        var more = TestRecords.Many("restart-more", 40);
        foreach (var group in more.GroupBy(r => second.ShardOf(r.RecordId)))
        {
            var s = group.Key;
            var key = NoteVerifierKey.Parse(infos[s].VerifierKey);
            var newAcks = await second.Shard(s).Append(group.ToArray());
            Assert.Equal(Enumerable.Range((int)infos[s].Size, group.Count()).Select(i => (long)i), newAcks.Select(a => a.Position.Index));
            var latest = LogChecks.VerifySigned(await second.Shard(s).GetCheckpoint(), key);
            var old = LogChecks.VerifySigned(checkpoints[s], key);
            var proof = await second.Shard(s).GetConsistencyProof(infos[s].Size, (long)latest.Size);
            Assert.True(MerkleVerifier.VerifyConsistency(old.Size, latest.Size, proof, old.RootHash, latest.RootHash));
            Assert.All(newAcks, a => LogChecks.VerifyAcknowledgement(a, key));
            await LogChecks.FsckAsync(second.OpenStore(), s, key);
        }
        output.WriteLine($"total {clock.ElapsedMilliseconds} ms");
    }
}
