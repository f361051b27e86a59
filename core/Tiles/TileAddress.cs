namespace LedgerCluster.Core.Tiles;

/// <summary>
/// One tile of c2sp.org/tlog-tiles: a hash tile at <see cref="Level"/> (or an entry bundle when <see cref="IsEntries"/>),
/// number <see cref="Index"/> at that level, holding <see cref="Width"/> of its 256 slots (256 = full).
/// </summary>
public sealed record TileAddress(int Level, ulong Index, int Width, bool IsEntries)
{
    public bool IsFull => Width == TileMath.Width;
}
