using System.Net;
using System.Text;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>`POST /v1/witness/{name}/add-checkpoint` over real HTTP against the WitnessGrain: the tlog-witness rows and concurrency.</summary>
public sealed class HostedWitnessEndpointTests
{
    [Fact]
    public async Task The_hosted_witness_answers_every_row_and_cosigns_once_under_concurrent_calls()
    {
        using var dir = new TempDirectory();
        // No policy: nothing but this test talks to the witness.
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o => o.HostedWitnesses["w"] = null);
        using var author = Ed25519KeyPair.Generate();
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        async Task<(HttpStatusCode Status, string Body, string? Type)> Post(string name, string body)
        {
            using var response = await http.PostAsync($"v1/witness/{name}/add-checkpoint", new ByteArrayContent(Encoding.UTF8.GetBytes(body)));
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }
        var checkpoints = new List<SignedNote>();
        for (var i = 0; i < 6; i++)
        {
            await node.Client.SubmitAsync(TestRecords.Bytes(TestRecords.Make(author, i)));
            checkpoints.Add(SignedNote.Parse(await node.Client.GetCheckpointAsync(0)));
        }
        string Body(ulong old, int size, byte[][] proof) => new AddCheckpointRequest(old, proof, checkpoints[size - 1]).Format();
        var vkey = NoteVerifierKey.Parse((await http.GetStringAsync("v1/witness/w")).Trim());

        Assert.Equal(HttpStatusCode.NotFound, (await Post("nobody", Body(0, 1, []))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("w", "old zero\n\n")).Status);
        using (var other = new NoteSigner("other.test/log", Ed25519KeyPair.Generate()))
        {
            var stranger = SignedNote.Sign(new Checkpoint("other.test/log", 1, MerkleHash.LeafHash([1])).ToNoteText(), other);
            Assert.Equal(HttpStatusCode.NotFound, (await Post("w", new AddCheckpointRequest(0, [], stranger).Format())).Status);
            var forged = SignedNote.Sign(checkpoints[1].Text, new NoteSigner("ledgercluster.local/shard/0", Ed25519KeyPair.Generate()));
            Assert.Equal(HttpStatusCode.Forbidden, (await Post("w", new AddCheckpointRequest(0, [], forged).Format())).Status);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("w", Body(3, 2, []))).Status);

        var first = await Post("w", Body(0, 2, []));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.True(CosignatureVerifier.Verify(checkpoints[1].WithSignature(NoteSignature.ParseLine(first.Body.TrimEnd('\n'))), [vkey]).Cosignatures.Count == 1);

        var stale = await Post("w", Body(0, 4, []));
        Assert.Equal((HttpStatusCode.Conflict, "2\n", "text/x.tlog.size"), stale);

        var proof = await node.Client.GetConsistencyProofAsync(0, 2, 4);
        var bad = proof.Select(h => (byte[])h.Clone()).ToArray();
        bad[0][0] ^= 1;
        Assert.Equal((HttpStatusCode)422, (await Post("w", Body(2, 4, bad))).Status);
        // The checkpoint it already cosigned, again: cosigned again, state unchanged.
        Assert.Equal(HttpStatusCode.OK, (await Post("w", Body(2, 2, []))).Status);

        // Concurrent callers all claiming old = 2: exactly one moves the witness, the rest learn its new size.
        var sizes = new[] { 3, 4, 5, 6 };
        var results = await Task.WhenAll(sizes.Select(async size =>
        {
            var p = await node.Client.GetConsistencyProofAsync(0, 2, size);
            return (Size: size, Answer: await Post("w", Body(2, size, p)));
        }));
        var winner = Assert.Single(results, r => r.Answer.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Size != winner.Size), r => Assert.Equal((HttpStatusCode.Conflict, $"{winner.Size}\n"), (r.Answer.Status, r.Answer.Body)));
    }
}
