using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Crypto;
using LedgerCluster.Core.Json;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// The gateway's one contract: `GET /openapi.json` declares every route the node maps, and every endpoint's real answers,
/// successes and refusals, have the status, media type and shape the document declares for them.
/// </summary>
public sealed class OpenApiContractTests
{
    private static readonly string Missing = new('0', 64);

    [Fact]
    public async Task Every_endpoint_answers_with_the_status_media_type_and_schema_the_OpenAPI_document_declares()
    {
        using var dir = new TempDirectory();
        var a = WitnessKeyFiles.Create("witness.test/a", dir.File("a"));
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 1, configure: o =>
        {
            o.WitnessPolicy = $"witness a {a.VerifierKey}\nquorum a\n";
            o.HostedWitnesses["a"] = a.KeyPath;
            o.HostedWitnesses["free"] = null; // outside the policy: only this test calls it
        });
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        var contract = new OpenApiContract(JsonNode.Parse(await http.GetStringAsync("openapi.json"))!);

        async Task<string> Call(HttpMethod method, string template, string path, HttpStatusCode expected, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            contract.Check(method, template, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
            return body;
        }
        Task<string> Get(string template, string path, HttpStatusCode expected) => Call(HttpMethod.Get, template, path, expected);
        Task<string> Post(string template, string path, HttpStatusCode expected, string body, string type = "application/json") =>
            Call(HttpMethod.Post, template, path, expected, new StringContent(body, Encoding.UTF8, type));

        using var author = Ed25519KeyPair.Generate();
        var (first, second, third) = (TestRecords.Make(author, 1), TestRecords.Make(author, 2), TestRecords.Make(author, 3));
        var forged = third with { Signature = third.Signature with { Signature = new string('0', 128) } };

        // Records.
        await Post("/v1/records", "v1/records", HttpStatusCode.OK, first.ToFileText());
        await Post("/v1/records", "v1/records?wait=false", HttpStatusCode.Accepted, second.ToFileText());
        await Post("/v1/records", "v1/records", HttpStatusCode.BadRequest, "{");
        await Post("/v1/records", "v1/records", HttpStatusCode.UnprocessableEntity, forged.ToFileText());
        await Post("/v1/records:batch", "v1/records:batch", HttpStatusCode.OK, CanonicalJson.Serialize(third.ToJson()) + "\n{\n", "application/x-ndjson");
        await Post("/v1/records:batch", "v1/records:batch", HttpStatusCode.BadRequest, "\n", "application/x-ndjson");
        // A record on other items than the rest: nothing to compare with them.
        var noSharedItem = TestRecords.OneItem(author, "other-item");
        await Post("/v1/records", "v1/records", HttpStatusCode.OK, noSharedItem.ToFileText());
        await Get("/v1/records/{id}", $"v1/records/{first.Id}", HttpStatusCode.OK);
        await Get("/v1/records/{id}", "v1/records/xyz", HttpStatusCode.BadRequest);
        await Get("/v1/records/{id}", $"v1/records/{Missing}", HttpStatusCode.NotFound);
        await Get("/v1/records/{id}/proof", $"v1/records/{first.Id}/proof", HttpStatusCode.OK);
        await Get("/v1/records/{id}/proof", $"v1/records/{Missing}/proof", HttpStatusCode.NotFound);
        await Get("/v1/records/{id}/eee", $"v1/records/{first.Id}/eee", HttpStatusCode.OK);
        await Get("/v1/records/{id}/eee", $"v1/records/{first.Id}/eee?part=instances", HttpStatusCode.OK);
        await Get("/v1/records/{id}/eee", $"v1/records/{first.Id}/eee?part=rows", HttpStatusCode.BadRequest);
        await Get("/v1/records/{id}/eee", $"v1/records/{Missing}/eee", HttpStatusCode.NotFound);
        var index = (await node.Client.GetRecordAsync(first.Id))!["index"] is JInteger i ? (ulong)i.Value : throw new InvalidOperationException("no index");
        using (var key = WitnessKeyFiles.Load(a.KeyPath))
        {
            var note = new RecordAttestation(first.Id, "verified", "ledgercluster.local/shard/0", index).Sign(key).Format();
            await Post("/v1/records/{id}/attestations", $"v1/records/{first.Id}/attestations", HttpStatusCode.OK, note, "text/plain");
            var misplaced = new RecordAttestation(first.Id, "verified", "ledgercluster.local/shard/0", index + 7).Sign(key).Format();
            await Post("/v1/records/{id}/attestations", $"v1/records/{first.Id}/attestations", HttpStatusCode.UnprocessableEntity, misplaced, "text/plain");
        }

        // Shards.
        await Get("/v1/shards", "v1/shards", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/checkpoint", "v1/shards/0/checkpoint", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/checkpoint", "v1/shards/9/checkpoint", HttpStatusCode.NotFound);
        await Get("/v1/shards/{n}/proof/inclusion", "v1/shards/0/proof/inclusion?index=0&size=2", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/proof/inclusion", "v1/shards/0/proof/inclusion?index=5&size=1", HttpStatusCode.BadRequest);
        await Get("/v1/shards/{n}/proof/consistency", "v1/shards/0/proof/consistency?from=1&to=2", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/proof/consistency", "v1/shards/0/proof/consistency?from=0&to=2", HttpStatusCode.BadRequest);
        await Get("/v1/shards/{n}/entries", "v1/shards/0/entries?from=0&count=10", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/entries", "v1/shards/0/entries?count=0", HttpStatusCode.BadRequest);
        await Get("/v1/shards/{n}/checkpoints", "v1/shards/0/checkpoints", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/checkpoints", "v1/shards/x/checkpoints", HttpStatusCode.NotFound);
        var signedSize = (await node.Client.GetShardsAsync())[0].Size;
        await Get("/v1/shards/{n}/tile/{path}", $"v1/shards/0/tile/0/000.p/{signedSize}", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/tile/{path}", $"v1/shards/0/tile/entries/000.p/{signedSize}", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/tile/{path}", "v1/shards/0/tile/0/7", HttpStatusCode.BadRequest);
        await Get("/v1/shards/{n}/tile/{path}", "v1/shards/0/tile/0/000", HttpStatusCode.NotFound);
        await Get("/v1/shards/{n}/witnesses", "v1/shards/0/witnesses", HttpStatusCode.OK);
        await Get("/v1/shards/{n}/witnesses", "v1/shards/7/witnesses", HttpStatusCode.NotFound);

        // Witnesses hosted in the cluster (the tlog-witness protocol answers in text).
        var checkpoint = SignedNote.Parse(await node.Client.GetCheckpointAsync(0));
        await Post("/v1/witness/{name}/add-checkpoint", "v1/witness/free/add-checkpoint", HttpStatusCode.OK, new AddCheckpointRequest(0, [], checkpoint).Format(), "text/plain");
        await Post("/v1/witness/{name}/add-checkpoint", "v1/witness/free/add-checkpoint", HttpStatusCode.BadRequest, "old zero\n\n", "text/plain");
        await Post("/v1/witness/{name}/add-checkpoint", "v1/witness/nobody/add-checkpoint", HttpStatusCode.NotFound, "old 0\n\n", "text/plain");
        await Get("/v1/witness/{name}", "v1/witness/a", HttpStatusCode.OK);
        await Get("/v1/witness/{name}", "v1/witness/nobody", HttpStatusCode.NotFound);

        // Benchmarks.
        var benchmark = BenchmarkLoader.Load(RepoPaths.Path("benchmarks", "world-rivers"));
        var definition = CanonicalJson.Serialize(BenchmarkJson.Write(benchmark));
        await Post("/v1/benchmarks", "v1/benchmarks", HttpStatusCode.OK, definition);
        await Post("/v1/benchmarks", "v1/benchmarks", HttpStatusCode.BadRequest, "{\"id\": \"x\"}");
        await Post("/v1/benchmarks", "v1/benchmarks", HttpStatusCode.Conflict,
            definition.Replace(benchmark.Tasks[0].Prompt, benchmark.Tasks[0].Prompt + " Please.", StringComparison.Ordinal));
        await Get("/v1/benchmarks/{id}/{version}", $"v1/benchmarks/{benchmark.Id}/{benchmark.Version}", HttpStatusCode.OK);
        await Get("/v1/benchmarks/{id}/{version}", "v1/benchmarks/nope/1", HttpStatusCode.NotFound);

        // Audit, board, export.
        await Get("/v1/audit/paired", $"v1/audit/paired?a={first.Id}&b={third.Id}", HttpStatusCode.OK);
        await Get("/v1/audit/paired", $"v1/audit/paired?a={first.Id}&b={third.Id}&format=md", HttpStatusCode.OK);
        await Get("/v1/audit/paired", $"v1/audit/paired?a={first.Id}", HttpStatusCode.BadRequest);
        await Get("/v1/audit/paired", $"v1/audit/paired?a={first.Id}&b={Missing}", HttpStatusCode.NotFound);
        await Get("/v1/compare", $"v1/compare?a={first.Id}&b={third.Id}", HttpStatusCode.OK);
        await Get("/v1/compare", $"v1/compare?b={third.Id}", HttpStatusCode.BadRequest);
        await Get("/v1/compare", $"v1/compare?a={Missing}&b={third.Id}", HttpStatusCode.NotFound);
        await Get("/v1/compare", $"v1/compare?a={first.Id}&b={noSharedItem.Id}", HttpStatusCode.UnprocessableEntity);
        await Get("/v1/leaderboard", "v1/leaderboard", HttpStatusCode.OK);
        await Get("/v1/leaderboard", "v1/leaderboard?format=md", HttpStatusCode.OK);
        await Get("/v1/leaderboard", "v1/leaderboard?format=xml", HttpStatusCode.BadRequest);
        await Get("/v1/leaderboard/groups", "v1/leaderboard/groups", HttpStatusCode.OK);
        await Get("/v1/leaderboard/groups", "v1/leaderboard/groups?limit=x", HttpStatusCode.BadRequest);
        await Get("/v1/export", "v1/export?format=sft&min_tier=signed&summary=true", HttpStatusCode.OK);
        await Get("/v1/export", "v1/export?format=csv", HttpStatusCode.BadRequest);
        using (var stream = await http.GetAsync("v1/leaderboard/stream", HttpCompletionOption.ResponseHeadersRead))
            contract.Check(HttpMethod.Get, "/v1/leaderboard/stream", stream.StatusCode, stream.Content.Headers.ContentType?.MediaType, "");

        // Pages, health, metrics.
        await Get("/", "", HttpStatusCode.OK);
        await Get("/", "?offset=abc", HttpStatusCode.BadRequest);
        await Get("/records/{id}", $"records/{first.Id}", HttpStatusCode.OK);
        await Get("/compare", $"compare?a={first.Id}&b={third.Id}", HttpStatusCode.OK);
        await Get("/compare", $"compare?a={first.Id}&b=xyz", HttpStatusCode.BadRequest);
        await Get("/compare", $"compare?a={first.Id}&b={Missing}", HttpStatusCode.NotFound);
        await Get("/compare", $"compare?a={first.Id}&b={noSharedItem.Id}", HttpStatusCode.UnprocessableEntity);
        await Get("/records/{id}", "records/xyz", HttpStatusCode.BadRequest);
        await Get("/records/{id}", $"records/{Missing}", HttpStatusCode.NotFound);
        await Get("/health/live", "health/live", HttpStatusCode.OK);
        await Get("/health/ready", "health/ready", HttpStatusCode.OK);
        await Get("/metrics", "metrics", HttpStatusCode.OK);

        contract.AssertEveryOperationExercised();
        // Every body the gateway takes is described.
        Assert.All(contract.Paths.SelectMany(p => p.Value!.AsObject().Where(o => o.Key == "post").Select(o => (Path: p.Key, Operation: o.Value!))),
            post => Assert.True(post.Operation["requestBody"]?["content"]?.AsObject().Count > 0, $"POST {post.Path} does not describe its body"));

        // Every route the node maps is in the document, with each of its methods.
        var routes = node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The document itself, and a catch-all fallback (it answers unknown paths with a refusal; it is no operation).
            .Where(e => e.RoutePattern.RawText != "/openapi.json" && !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any)"]).Select(m => (Path: e.RoutePattern.RawText!, Method: m.ToLowerInvariant())))
            .ToList();
        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.True(contract.Paths[r.Path]?[r.Method] is not null, $"{r.Method.ToUpperInvariant()} {r.Path} is mapped but not in the OpenAPI document"));
    }

    [Fact]
    public async Task The_shard_list_names_each_shard_key_vkey_as_FORMATS_section_6_does()
    {
        using var dir = new TempDirectory();
        await using var node = await EmbeddedNode.StartAsync(dir.File("data"), shards: 2);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
        var shards = JsonNode.Parse(await http.GetStringAsync("v1/shards"))!.AsArray();
        Assert.Equal(2, shards.Count);
        foreach (var shard in shards)
        {
            var vkey = NoteVerifierKey.Parse(shard!["vkey"]!.GetValue<string>());
            Assert.Equal(shard["origin"]!.GetValue<string>(), vkey.Name);
            Assert.Null(shard["verifier_key"]);
        }
        Assert.Equal(shards[1]!["vkey"]!.GetValue<string>(), (await node.Client.GetShardsAsync())[1].VerifierKey);
    }
}
