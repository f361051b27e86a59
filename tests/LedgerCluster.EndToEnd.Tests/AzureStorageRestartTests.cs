using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Verification;
using LedgerCluster.Silo;
using LedgerCluster.Tests.Shared;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>An embedded node on Azure storage (Azurite): records, roots and keys survive a restart on the same account.</summary>
public sealed class AzureStorageRestartTests
{
    [AzuriteFact]
    public async Task Restart_on_the_same_azure_storage_serves_the_same_records_and_roots()
    {
        using var dir = new TempDirectory();
        using var key = Ed25519KeyPair.Generate();
        var prefix = Azurite.UniqueName("e2e");
        void Azure(LedgerHostOptions o)
        {
            o.Storage = StorageKind.Azure;
            o.AzureConnectionString = Azurite.ConnectionString;
            o.AzureNamePrefix = prefix;
        }
        var records = Enumerable.Range(0, 24).Select(i => TestRecords.Make(key, i)).ToList();

        IReadOnlyList<ShardDescription> shardsBefore;
        string[] checkpointsBefore;
        await using (var node = await EmbeddedNode.StartAsync(dir.Path, configure: Azure))
        {
            foreach (var r in records) Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(r))).Accepted);
            shardsBefore = await node.Client.GetShardsAsync();
            checkpointsBefore = await Task.WhenAll(shardsBefore.Select(s => node.Client.GetCheckpointAsync(s.Shard)));
            Assert.Equal(24, shardsBefore.Sum(s => s.Size));
        }
        // Nothing went to the data directory: no SQLite file.
        Assert.False(File.Exists(Path.Combine(dir.Path, "ledger.db")));

        await using (var node = await EmbeddedNode.StartAsync(dir.Path, configure: Azure))
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
            var again = await node.Client.SubmitAsync(TestRecords.Bytes(records[3]));
            Assert.True(again.Duplicate);
            Assert.True((await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(key, 500)))).Accepted);
            Assert.Equal(25, (await node.Client.GetShardsAsync()).Sum(s => s.Size));
        }
    }
}
