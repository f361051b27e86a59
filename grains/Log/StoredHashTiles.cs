using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Log;

/// <summary>
/// A shard's hash tiles at the size of <paramref name="edge"/>: partial tiles from the edge in memory, full ones from the
/// bounded cache or the store (level 0 from the leaves' record ids, higher levels from the kept tree hashes).
/// </summary>
internal sealed class StoredHashTiles(ILogStore store, int shard, TreeEdge edge, BoundedTileCache cache) : IHashTileSource
{
    public async ValueTask<byte[]> ReadHashTileAsync(int level, ulong index, int width, CancellationToken cancel)
    {
        var tile = new TileAddress(level, index, width, false);
        if (!TileMath.Exists(tile, edge.Size)) throw new ArgumentException($"shard {shard} at size {edge.Size} has no hash tile {TilePath.Format(tile)}");
        if (!tile.IsFull) return Concat(edge.Row(level));
        if (cache.TryGet(tile, out var cached)) return cached;
        var first = (long)index * TileMath.Width;
        IReadOnlyList<byte[]> hashes = level == 0
            ? (await store.ReadLeavesAsync(shard, first, width, cancel)).TakeWhile((l, i) => l.Index == first + i).Select(l => MerkleHash.LeafHash(l.RecordId)).ToList()
            : await store.ReadTreeHashesAsync(shard, level, first, width, cancel);
        if (hashes.Count != width)
            throw new InvalidDataException($"shard {shard}: the store holds {hashes.Count} of the {width} hashes of tile {TilePath.Format(tile)}");
        var bytes = Concat(hashes);
        cache.Add(tile, bytes);
        return bytes;
    }

    private static byte[] Concat(IReadOnlyList<byte[]> hashes)
    {
        var bytes = new byte[hashes.Count * MerkleHash.Size];
        for (var i = 0; i < hashes.Count; i++) hashes[i].CopyTo(bytes, i * MerkleHash.Size);
        return bytes;
    }
}
