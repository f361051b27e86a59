using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Grains.Log;

/// <summary>
/// The full tiles a shard served most recently, at most <c>capacity</c> of them (about 8 KiB each), evicting the least
/// recently used: monitors and mirrors read the newest tiles again and again, old ones rarely.
/// </summary>
internal sealed class BoundedTileCache(int capacity)
{
    /// <summary>256 tiles, about 2 MiB per active shard.</summary>
    public const int DefaultCapacity = 256;

    private readonly Dictionary<TileAddress, LinkedListNode<(TileAddress Tile, byte[] Bytes)>> _byTile = [];
    private readonly LinkedList<(TileAddress Tile, byte[] Bytes)> _recency = new();

    public bool TryGet(TileAddress tile, out byte[] bytes)
    {
        bytes = [];
        if (!_byTile.TryGetValue(tile, out var node)) return false;
        _recency.Remove(node);
        _recency.AddFirst(node);
        bytes = node.Value.Bytes;
        return true;
    }

    public void Add(TileAddress tile, byte[] bytes)
    {
        if (_byTile.ContainsKey(tile)) return;
        _byTile[tile] = _recency.AddFirst((tile, bytes));
        if (_byTile.Count <= capacity) return;
        var oldest = _recency.Last!;
        _recency.RemoveLast();
        _byTile.Remove(oldest.Value.Tile);
    }
}
