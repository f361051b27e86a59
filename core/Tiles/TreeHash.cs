namespace LedgerCluster.Core.Tiles;

/// <summary>
/// A hash a log keeps beside its leaves: the root of perfect subtree <paramref name="Index"/> of 2^(8·<paramref name="Level"/>)
/// leaves, i.e. slot <c>Index % 256</c> of hash tile <c>Level/(Index / 256)</c>. Level-0 hashes are not kept: they are the leaf hashes.
/// </summary>
public sealed record TreeHash(int Level, ulong Index, byte[] Hash);
