using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Verification;

namespace LedgerCluster.EndToEnd.Tests;

public sealed class EmbeddedRestartTests
{
    [Fact]
    public async Task Restart_serves_the_same_records_roots_and_keys_and_keeps_appending()
    {
        using var dir = new TempDirectory();
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, 40).Select(i => TestRecords.Make(key, i)).ToList();

        IReadOnlyList<ShardDescription> shardsBefore;
        string[] checkpointsBefore;
        await using (var node = await EmbeddedNode.StartAsync(dir.Path))
        {
            foreach (var r in records) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(r))).Accepted);
            shardsBefore = await node.Client.GetShardsAsync();
            checkpointsBefore = await Task.WhenAll(shardsBefore.Select(s => node.Client.GetCheckpointAsync(s.Shard)));
        }

        await using (var node = await EmbeddedNode.StartAsync(dir.Path))
        {
            var shardsAfter = await node.Client.GetShardsAsync();
            Assert.Equal(shardsBefore, shardsAfter);
            Assert.Equal(checkpointsBefore, await Task.WhenAll(shardsAfter.Select(s => node.Client.GetCheckpointAsync(s.Shard))));
            foreach (var r in records)
            {
                var proof = await node.Client.GetProofAsync(r.Id);
                var shard = shardsAfter.Single(s => s.Origin == TlogProof.Parse(proof).CheckpointBody.Origin);
                Assert.True(RecordVerifier.Verify(r, new VerificationInputs { ProofText = proof, LogVerifierKey = shard.VerifierKey }).Verified);
            }

            // New appends extend the same trees: the old checkpoint is consistent with the new one.
            var extra = TestRecords.Make(key, 1000);
            var added = await node.Client.SubmitAsync(TestRecords.Bytes(extra));
            var old = Checkpoint.Parse(SignedNote.Parse(checkpointsBefore[added.Shard]).Text);
            var now = Checkpoint.Parse(SignedNote.Parse(added.Checkpoint!).Text);
            Assert.Equal(old.Size + 1, now.Size);
            if (old.Size > 0)
            {
                var consistency = await node.Client.GetConsistencyProofAsync(added.Shard, (long)old.Size, (long)now.Size);
                Assert.True(MerkleVerifier.VerifyConsistency(old.Size, now.Size, consistency, old.RootHash, now.RootHash));
            }
            // A record already logged before the restart is a duplicate, not a new leaf.
            var again = await node.Client.SubmitAsync(TestRecords.Bytes(records[5]));
            Assert.True(again.Duplicate);
            Assert.Equal(41, (await node.Client.GetShardsAsync()).Sum(s => s.Size));
        }
    }
}
