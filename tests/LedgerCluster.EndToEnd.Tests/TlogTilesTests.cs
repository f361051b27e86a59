using System.Net;
using System.Text.Json.Nodes;
using LedgerCluster.Core.Crypto;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The tlog-tiles read API, checked by a reader that knows only the spec.</summary>
public sealed class TlogTilesTests
{
    private const int Shards = 2;

    [Fact]
    public async Task Every_shards_signed_root_is_recomputed_from_its_tiles_alone_and_full_tiles_survive_a_restart()
    {
        using var dir = new TempDirectory();
        using var key = Ed25519KeyPair.Generate();
        var records = Enumerable.Range(0, 1200).Select(i => TestRecords.Make(key, i)).ToList();
        var fullTiles = new Dictionary<string, byte[]>();

        await using (var node = await EmbeddedNode.StartAsync(dir.Path, shards: Shards))
        {
            foreach (var chunk in records.Chunk(300)) await node.Client.SubmitBatchAsync(chunk.Select(TestRecords.Bytes));
            using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
            var shards = await node.Client.GetShardsAsync();
            Assert.Equal(records.Count, shards.Sum(s => s.Size));
            foreach (var shard in shards)
            {
                var reader = new IndependentTileReader(http, shard.Shard);
                var head = await reader.ReadCheckpointAsync(shard.VerifierKey);
                Assert.True(head.Size > 512, $"shard {shard.Shard} has only {head.Size} leaves: too few to span several tiles");
                var leafHashes = await reader.ReadLeafHashesAsync(head.Size);
                Assert.Equal(IndependentTileReader.Hex(head.Root), IndependentTileReader.Hex(IndependentTileReader.RootOf(leafHashes, 0, leafHashes.Count)));

                // Level 1 holds the hashes of the complete 256-leaf subtrees, each the MTH of a level-0 tile.
                var level1 = await reader.FetchAsync(IndependentTileReader.PathOf("1", 0, (int)(head.Size / 256)));
                Assert.Equal(head.Size / 256 * 32, level1.Length);
                for (var i = 0; i < level1.Length / 32; i++)
                    Assert.Equal(IndependentTileReader.Hex(level1[(i * 32)..((i + 1) * 32)]), IndependentTileReader.Hex(IndependentTileReader.PerfectRoot(leafHashes, i * 256)));

                // The entry bundles hold each leaf's data: the record's 32-byte content hash, i.e. its id.
                var entries = await reader.ReadEntriesAsync(head.Size);
                Assert.All(entries, e => Assert.Equal(32, e.Length));
                Assert.Equal(leafHashes.Select(IndependentTileReader.Hex), entries.Select(e => IndependentTileReader.Hex(IndependentTileReader.LeafHash(e))));
                Assert.Subset(records.Select(r => r.Id).ToHashSet(), entries.Select(IndependentTileReader.Hex).ToHashSet());

                for (long tile = 0; (tile + 1) * 256 <= head.Size; tile++)
                    foreach (var level in new[] { "0", "entries" })
                    {
                        var path = IndependentTileReader.PathOf(level, tile, 256);
                        using var response = await reader.GetAsync(path);
                        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
                        fullTiles[$"{shard.Shard}/{path}"] = await response.Content.ReadAsByteArrayAsync();
                    }
                using var partial = await reader.GetAsync(IndependentTileReader.PathOf("0", head.Size / 256, (int)(head.Size % 256)));
                Assert.DoesNotContain("immutable", partial.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
                Assert.True(partial.Headers.CacheControl?.MaxAge < TimeSpan.FromMinutes(1));
            }
        }

        await using (var node = await EmbeddedNode.StartAsync(dir.Path, shards: Shards))
        {
            using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };
            Assert.NotEmpty(fullTiles);
            foreach (var (where, bytes) in fullTiles)
            {
                var shard = int.Parse(where[..where.IndexOf('/')], System.Globalization.CultureInfo.InvariantCulture);
                var again = await new IndependentTileReader(http, shard).FetchAsync(where[(where.IndexOf('/') + 1)..]);
                Assert.True(bytes.AsSpan().SequenceEqual(again), $"tile {where} changed across the restart");
            }
        }
    }

    [Fact]
    public async Task Bad_tile_paths_are_400_and_missing_tiles_404_with_an_error_body()
    {
        using var dir = new TempDirectory();
        using var key = Ed25519KeyPair.Generate();
        await using var node = await EmbeddedNode.StartAsync(dir.Path, shards: 1);
        await node.Client.SubmitBatchAsync(Enumerable.Range(0, 5).Select(i => TestRecords.Bytes(TestRecords.Make(key, i))));
        using var http = new HttpClient { BaseAddress = new Uri(node.Url + "/") };

        async Task Refused(string path, HttpStatusCode status, string code)
        {
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
            var json = JsonNode.Parse(body)!;
            Assert.Equal(code, json["error"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(json["detail"]!.GetValue<string>()));
        }

        Assert.Equal(5 * 32, (await http.GetByteArrayAsync("v1/shards/0/tile/0/000.p/5")).Length);
        await Refused("v1/shards/0/tile/0/000.p/4", HttpStatusCode.NotFound, "no_such_tile");   // not the signed size's width
        await Refused("v1/shards/0/tile/0/000.p/6", HttpStatusCode.NotFound, "no_such_tile");
        await Refused("v1/shards/0/tile/0/000", HttpStatusCode.NotFound, "no_such_tile");       // not full yet
        await Refused("v1/shards/0/tile/1/000.p/1", HttpStatusCode.NotFound, "no_such_tile");
        await Refused("v1/shards/0/tile/entries/001.p/5", HttpStatusCode.NotFound, "no_such_tile");
        await Refused("v1/shards/0/tile/0/0", HttpStatusCode.BadRequest, "bad_tile_path");
        await Refused("v1/shards/0/tile/0/x000/000.p/5", HttpStatusCode.BadRequest, "bad_tile_path");
        await Refused("v1/shards/0/tile/0/000.p/256", HttpStatusCode.BadRequest, "bad_tile_path");
        await Refused("v1/shards/0/tile/leaves/000", HttpStatusCode.BadRequest, "bad_tile_path");
        await Refused("v1/shards/3/tile/0/000", HttpStatusCode.NotFound, "unknown_shard");
    }
}
