using LedgerCluster.Core.Merkle;

namespace LedgerCluster.Core.Tiles;

/// <summary>The bytes of tiles, computed from a tree's stored hashes and the log's leaf data.</summary>
public static class TileContents
{
    /// <summary>
    /// A hash tile: for each of its slots, the 32-byte hash of the perfect subtree of 2^(8·level) leaves it stands for.
    /// The tile must exist in a tree of <paramref name="signedSize"/> (no more than the tree holds).
    /// </summary>
    public static byte[] HashTile(MerkleTree tree, TileAddress tile, ulong signedSize)
    {
        if (tile.IsEntries || !TileMath.Exists(tile, signedSize) || signedSize > tree.Size)
            throw new ArgumentException($"a tree of {signedSize} leaves has no hash tile {TilePath.Format(tile)}", nameof(tile));
        var span = 1UL << (tile.Level * TileMath.Height);
        var bytes = new byte[tile.Width * MerkleHash.Size];
        for (var i = 0; i < tile.Width; i++)
        {
            var start = (tile.Index * TileMath.Width + (ulong)i) * span;
            tree.SubtreeHash(start, start + span).CopyTo(bytes, i * MerkleHash.Size);
        }
        return bytes;
    }

    /// <summary>An entry bundle: each entry's leaf data as a big-endian uint16 length followed by the data.</summary>
    public static byte[] EntryBundle(IReadOnlyList<byte[]> leafData)
    {
        var bytes = new byte[leafData.Sum(d => 2 + d.Length)];
        var offset = 0;
        foreach (var data in leafData)
        {
            if (data.Length > ushort.MaxValue) throw new ArgumentException("an entry bundle holds entries of at most 65,535 bytes", nameof(leafData));
            bytes[offset] = (byte)(data.Length >> 8);
            bytes[offset + 1] = (byte)data.Length;
            data.CopyTo(bytes, offset + 2);
            offset += 2 + data.Length;
        }
        return bytes;
    }
}
