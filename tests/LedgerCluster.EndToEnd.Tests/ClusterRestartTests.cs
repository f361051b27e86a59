using System.Collections.Concurrent;
using System.Diagnostics;
using LedgerCluster.Client.Gateway;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Verification;
using LedgerCluster.Tests.Shared;
using Xunit.Abstractions;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A whole-cluster restart on Azure storage: three `ledger serve` silos (deploy/cluster.sh, STORAGE=azure on Azurite)
/// take records, all of them stop (`deploy/cluster.sh stop`, Redis included) and start again on the same tables. Every
/// gateway must then serve the same shards, verifier keys and checkpoints, every record's proof must verify, and new
/// appends must extend the same trees: the checkpoint from before the restart is consistent with the one after.
/// </summary>
public sealed class ClusterRestartTests(ITestOutputHelper output)
{
    private const int Silos = 3;

    [RedisAzuriteFact]
    public async Task A_stopped_and_restarted_cluster_on_azure_serves_the_same_logs_and_extends_them()
    {
        var clock = Stopwatch.StartNew();
        var prefix = Azurite.UniqueName("e2erst");
        await using var cluster = await DeployedCluster.StartAsync(Silos, prefix);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {Silos} silos ready on Azurite, prefix {prefix}");
        var clients = Enumerable.Range(1, Silos).Select(i => new LedgerGatewayClient(new HttpClient
        {
            BaseAddress = new Uri(cluster.Url(i) + "/"), Timeout = TimeSpan.FromSeconds(15),
        })).ToArray();
        try
        {
            using var key = Ed25519KeyPair.Generate();
            var records = Enumerable.Range(0, 42).Select(i => TestRecords.Make(key, i)).ToList();
            var acked = new ConcurrentDictionary<string, Submission>();
            await ClusterFailoverTests.SubmitAllAsync(records[..30], clients, acked);
            Assert.Equal(30, acked.Count);
            var shardsBefore = await clients[0].GetShardsAsync();
            var checkpointsBefore = await CheckpointsAsync(clients[0], shardsBefore);
            Assert.Equal(30, shardsBefore.Sum(s => s.Size));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: 30 records in, sizes {string.Join(",", shardsBefore.Select(s => s.Size))}");

            await cluster.StopAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: cluster stopped");
            await cluster.StartAgainAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: cluster started again");

            // Every gateway serves what was there before: shards, sizes, verifier keys and the signed checkpoints.
            foreach (var client in clients)
            {
                Assert.Equal(shardsBefore, await client.GetShardsAsync());
                Assert.Equal(checkpointsBefore, await CheckpointsAsync(client, shardsBefore));
            }
            for (var i = 0; i < 30; i++) await AssertProofAsync(clients[i % Silos], records[i], acked[records[i].Id], shardsBefore);

            // A record logged before the restart is a duplicate, not a new leaf; new records extend the same trees.
            var again = await clients[1].SubmitAsync(TestRecords.Bytes(records[7]));
            Assert.True(again.Duplicate, $"record 7 resubmitted after the restart: {again.Status} {again.Error}");
            await ClusterFailoverTests.SubmitAllAsync(records[30..], clients, acked);
            Assert.Equal(42, acked.Count);
            var shardsAfter = await clients[2].GetShardsAsync();
            Assert.Equal(42, shardsAfter.Sum(s => s.Size));
            Assert.Equal(shardsBefore.Select(s => (s.Shard, s.Origin, s.VerifierKey)), shardsAfter.Select(s => (s.Shard, s.Origin, s.VerifierKey)));
            var checkpointsAfter = await CheckpointsAsync(clients[2], shardsAfter);
            var extended = 0;
            foreach (var shard in shardsAfter)
            {
                var old = Checkpoint.Parse(SignedNote.Parse(checkpointsBefore[shard.Shard]).Text);
                var now = Checkpoint.Parse(SignedNote.Parse(checkpointsAfter[shard.Shard]).Text);
                Assert.Equal((ulong)shard.Size, now.Size);
                Assert.True(now.Size >= old.Size, $"shard {shard.Shard} shrank from {old.Size} to {now.Size}");
                if (old.Size == 0 || now.Size == old.Size) continue;
                var consistency = await clients[shard.Shard % Silos].GetConsistencyProofAsync(shard.Shard, (long)old.Size, (long)now.Size);
                Assert.True(MerkleVerifier.VerifyConsistency(old.Size, now.Size, consistency, old.RootHash, now.RootHash),
                    $"shard {shard.Shard}: no verifying consistency proof from {old.Size} (before the restart) to {now.Size}");
                extended++;
            }
            Assert.True(extended > 0, "no shard that had records before the restart got new ones");
            for (var i = 0; i < records.Count; i++) await AssertProofAsync(clients[i % Silos], records[i], acked[records[i].Id], shardsBefore);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: same shards, keys and checkpoints; {extended} trees extended consistently; 42 proofs verify");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{e.Message}\n{cluster.Logs()}", e);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<string[]> CheckpointsAsync(LedgerGatewayClient client, IReadOnlyList<ShardDescription> shards) =>
        await Task.WhenAll(shards.OrderBy(s => s.Shard).Select(s => client.GetCheckpointAsync(s.Shard)));

    private static async Task AssertProofAsync(LedgerGatewayClient client, RunRecord record, Submission ack, IReadOnlyList<ShardDescription> shards)
    {
        var proof = await client.GetProofAsync(record.Id);
        var report = RecordVerifier.Verify(record, new VerificationInputs { ProofText = proof, LogVerifierKey = shards.Single(s => s.Shard == ack.Shard).VerifierKey });
        Assert.True(report.Verified, $"record {record.Id} (shard {ack.Shard} index {ack.Index}) does not verify");
        Assert.Equal((ulong)ack.Index, TlogProof.Parse(proof).Index);
    }
}
