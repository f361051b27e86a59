using System.Net;
using System.Text;
using LedgerCluster.Client.Cli;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;
using LedgerCluster.Grains.Log;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A shard made to sign a forked checkpoint (test-only fault): the hosted witness refuses it with 422, the record it
/// covers stays `signed`, and a client that saw the honest checkpoint reports the fork with both notes.
/// </summary>
public sealed class WitnessForkTests
{
    [Fact]
    public async Task Witnesses_refuse_a_forked_checkpoint_and_a_client_that_saw_the_honest_one_reports_the_fork()
    {
        using var dir = new TempDirectory();
        var key = WitnessKeyFiles.Create("witness.test/hosted", dir.File("hosted"));
        var fault = new ForkingShard();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o =>
        {
            o.WitnessPolicy = $"witness hosted {key.VerifierKey}\nquorum hosted\n";
            o.HostedWitnesses["hosted"] = key.KeyPath;
            o.ConfigureTestServices = services => services.AddSingleton<ICheckpointFault>(fault);
        });
        using var author = Ed25519KeyPair.Generate();
        var honest = TestRecords.Make(author, 1);
        await node.Client.SubmitAsync(TestRecords.Bytes(honest));
        await Eventually.Get(async () => (await node.Client.GetRecordAsync(honest.Id))!, r => r["tier"] is JString { Value: "verified" }, "the honest record becoming verified");

        var file = dir.File("honest.json");
        await File.WriteAllBytesAsync(file, TestRecords.Bytes(honest));
        var state = dir.File("seen.json");
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await LedgerCli.RunAsync(["verify", file, "--gateway", node.Url, "--state", state], new CliConsole(o, e)));
        var seen = await node.Client.GetCheckpointAsync(0);

        fault.Armed = true;
        var forked = TestRecords.Make(author, 2);
        Assert.Equal("signed", (await node.Client.SubmitAsync(TestRecords.Bytes(forked))).Tier);
        var refused = await Eventually.Get(async () => (await node.Client.GetRecordAsync(forked.Id))!,
            r => r["tier_reason"] is JString { Value: var why } && why.Contains("422", StringComparison.Ordinal), "the witness refusing the forked checkpoint");
        Assert.Equal("signed", ((JString)refused["tier"]!).Value);
        Assert.Contains("witness hosted refused checkpoint 2: 422", ((JString)refused["tier_reason"]!).Value, StringComparison.Ordinal);

        // Sent by hand too: the hosted witness answers the forked checkpoint with 422 over HTTP.
        var forkedNote = SignedNote.Parse(await node.Client.GetCheckpointAsync(0));
        var proof = await node.Client.GetConsistencyProofAsync(0, 1, 2);
        using var http = new HttpClient();
        var answer = await http.PostAsync($"{node.Url}/v1/witness/hosted/add-checkpoint",
            new ByteArrayContent(Encoding.UTF8.GetBytes(new AddCheckpointRequest(1, proof, forkedNote).Format())));
        Assert.Equal((HttpStatusCode)422, answer.StatusCode);

        (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(1, await LedgerCli.RunAsync(["verify", file, "--gateway", node.Url, "--state", state], new CliConsole(o, e)));
        var output = o.ToString();
        Assert.Contains("FORK: log ledgercluster.local/shard/0 shows a split view", output, StringComparison.Ordinal);
        Assert.Contains(seen, output, StringComparison.Ordinal);
        Assert.Contains(forkedNote.Format(), output, StringComparison.Ordinal);
    }
}
