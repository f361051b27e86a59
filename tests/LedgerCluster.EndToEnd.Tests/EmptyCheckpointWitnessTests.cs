using System.Net;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// tlog-witness: a size-0 checkpoint must carry the empty-tree root. Both witness hosts (the stand-alone `ledger witness
/// serve` process and the witness hosted in a silo) answer 422 to any other root, keep nothing, and still cosign the
/// genuine empty checkpoint afterwards.
/// </summary>
public sealed class EmptyCheckpointWitnessTests
{
    [Fact]
    public async Task The_stand_alone_witness_refuses_a_size_0_checkpoint_with_another_root()
    {
        using var dir = new TempDirectory();
        var witnessKey = WitnessKeyFiles.Create("witness.test/w", dir.File("w"));
        using var log = new NoteSigner("example.test/log", Ed25519KeyPair.Generate());
        var port = EmbeddedNode.FreePort();
        await using var witness = await WitnessProcess.StartAsync(port, dir.File("state"), witnessKey.KeyPath, [log.VerifierKey.ToString()]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        await AssertRefusedThenGenuineCosigned(http, "add-checkpoint", log);
    }

    [Fact]
    public async Task The_hosted_witness_refuses_a_size_0_checkpoint_with_another_root()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o => o.HostedWitnesses["w"] = null);
        // The shard's own log key, read from its store (made when the shard first answers): only a checkpoint the log
        // itself signed reaches the size-0 rule.
        Assert.Single(await node.Client.GetShardsAsync());
        using var store = new SqliteLogStore(LedgerCluster.Silo.LedgerStorage.SqlitePath(dir.File("data")));
        const string origin = "ledgercluster.local/shard/0";
        var seed = await store.TryGetSecretAsync($"log-key:{origin}");
        Assert.NotNull(seed);
        using var log = new NoteSigner(origin, Ed25519KeyPair.FromSeed(seed));
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };

        await AssertRefusedThenGenuineCosigned(http, "v1/witness/w/add-checkpoint", log);
    }

    private static async Task AssertRefusedThenGenuineCosigned(HttpClient http, string path, NoteSigner log)
    {
        var bogus = SignedNote.Sign(new Checkpoint(log.Name, 0, MerkleHash.LeafHash([1])).ToNoteText(), log);
        using (var refused = await Post(http, path, bogus))
        {
            Assert.Equal((HttpStatusCode)422, refused.StatusCode);
            Assert.Contains("empty-tree root", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Nothing was kept: the genuine empty checkpoint is cosigned, from old size 0.
        var genuine = SignedNote.Sign(new Checkpoint(log.Name, 0, MerkleHash.EmptyRoot).ToNoteText(), log);
        using var cosigned = await Post(http, path, genuine);
        Assert.Equal(HttpStatusCode.OK, cosigned.StatusCode);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, SignedNote checkpoint) =>
        http.PostAsync(path, new ByteArrayContent(Encoding.UTF8.GetBytes(new AddCheckpointRequest(0, [], checkpoint).Format())));
}
