using System.Net;
using System.Security.Cryptography;
using System.Text;
using LedgerCluster.Core.Notes;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>
/// A tlog-tiles client written from c2sp.org/tlog-tiles and RFC 6962 alone, sharing no tile or Merkle code with the
/// node: it reads a shard's signed checkpoint and its tiles over HTTP and recomputes the root from the tiles.
/// </summary>
internal sealed class IndependentTileReader(HttpClient http, int shard)
{
    private const int TileWidth = 256;

    public sealed record SignedHead(string Origin, long Size, byte[] Root);

    /// <summary>The checkpoint, its log signature checked against the shard's key; its body parsed by hand.</summary>
    public async Task<SignedHead> ReadCheckpointAsync(string verifierKey)
    {
        var text = await http.GetStringAsync($"v1/shards/{shard}/checkpoint");
        Assert.True(SignedNote.Parse(text).Verify([NoteVerifierKey.Parse(verifierKey)]).IsValid, "the checkpoint's signature does not verify");
        var lines = text.Split('\n');
        return new SignedHead(lines[0], long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(lines[2]));
    }

    /// <summary>The spec's spelling of a tile path: N in 3-digit groups, all but the last prefixed with x; .p/W for partial tiles.</summary>
    public static string PathOf(string level, long index, int width)
    {
        var digits = index.ToString("D", System.Globalization.CultureInfo.InvariantCulture);
        digits = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        var groups = Enumerable.Range(0, digits.Length / 3).Select(g => digits.Substring(g * 3, 3)).ToList();
        var n = string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
        return $"{level}/{n}" + (width == TileWidth ? "" : $".p/{width}");
    }

    public async Task<HttpResponseMessage> GetAsync(string tilePath) => await http.GetAsync($"v1/shards/{shard}/tile/{tilePath}");

    public async Task<byte[]> FetchAsync(string tilePath)
    {
        using var response = await GetAsync(tilePath);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"tile {tilePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Every leaf hash of the tree of <paramref name="size"/>, from its level-0 tiles (full ones, then the partial one).</summary>
    public async Task<List<byte[]>> ReadLeafHashesAsync(long size)
    {
        var hashes = new List<byte[]>();
        for (long tile = 0; tile * TileWidth < size; tile++)
        {
            var width = (int)Math.Min(TileWidth, size - tile * TileWidth);
            var bytes = await FetchAsync(PathOf("0", tile, width));
            Assert.Equal(width * 32, bytes.Length);
            hashes.AddRange(bytes.Chunk(32));
        }
        return hashes;
    }

    /// <summary>Every entry's leaf data from the entry bundles (uint16 big-endian length, then the data).</summary>
    public async Task<List<byte[]>> ReadEntriesAsync(long size)
    {
        var entries = new List<byte[]>();
        for (long tile = 0; tile * TileWidth < size; tile++)
        {
            var width = (int)Math.Min(TileWidth, size - tile * TileWidth);
            var bytes = await FetchAsync(PathOf("entries", tile, width));
            var offset = 0;
            while (offset < bytes.Length)
            {
                var length = (bytes[offset] << 8) | bytes[offset + 1];
                entries.Add(bytes[(offset + 2)..(offset + 2 + length)]);
                offset += 2 + length;
            }
            Assert.Equal(width, entries.Count - (int)(tile * TileWidth));
        }
        return entries;
    }

    /// <summary>RFC 6962 MTH over leaf hashes: split at the largest power of two below n.</summary>
    public static byte[] RootOf(IReadOnlyList<byte[]> leafHashes, int start, int count)
    {
        if (count == 0) return SHA256.HashData([]);
        if (count == 1) return leafHashes[start];
        var split = 1;
        while (split * 2 < count) split *= 2;
        return SHA256.HashData([0x01, .. RootOf(leafHashes, start, split), .. RootOf(leafHashes, start + split, count - split)]);
    }

    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    /// <summary>A level-1 hash from level-0 hashes: the MTH of 256 leaves, to check tiles above level 0 against level 0.</summary>
    public static byte[] PerfectRoot(IReadOnlyList<byte[]> hashes, int start) => RootOf(hashes, start, TileWidth);

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
