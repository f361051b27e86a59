namespace LedgerCluster.Core.Tiles;

/// <summary>Where <see cref="TiledTree"/> reads hash tiles: a level-0 tile holds leaf hashes, a level-L tile the roots of level-(L-1) tiles.</summary>
public interface IHashTileSource
{
    /// <summary>The <paramref name="width"/> hashes of tile <paramref name="level"/>/<paramref name="index"/>, 32 bytes each, concatenated.</summary>
    ValueTask<byte[]> ReadHashTileAsync(int level, ulong index, int width, CancellationToken cancel);
}
