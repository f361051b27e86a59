using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Tiles;

namespace LedgerCluster.Core.Tests.Tiles;

/// <summary>Hash tiles cut from a full in-memory <see cref="MerkleTree"/> (the reference), counting what is read.</summary>
internal sealed class TreeTiles(MerkleTree tree, ulong size) : IHashTileSource
{
    public int Reads { get; private set; }

    public ValueTask<byte[]> ReadHashTileAsync(int level, ulong index, int width, CancellationToken cancel)
    {
        Reads++;
        return ValueTask.FromResult(TileContents.HashTile(tree, new TileAddress(level, index, width, false), size));
    }

    public static MerkleTree Tree(int size)
    {
        var tree = new MerkleTree();
        for (var i = 0; i < size; i++) tree.AppendLeafData(BitConverter.GetBytes(i * 7919L));
        return tree;
    }
}
