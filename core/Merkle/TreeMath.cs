using System.Numerics;

namespace LedgerCluster.Core.Merkle;

/// <summary>Integer helpers for the RFC 6962 tree shape.</summary>
internal static class TreeMath
{
    /// <summary>The k of RFC 6962 §2.1: the largest power of two strictly below <paramref name="n"/> (n >= 2).</summary>
    public static ulong SplitPoint(ulong n) => 1UL << (63 - BitOperations.LeadingZeroCount(n - 1));

    /// <summary>BIT_CEIL(n): the smallest power of two >= n (n >= 1). It needs 65 bits for n > 2^63.</summary>
    public static UInt128 BitCeil(ulong n) => UInt128.One << (64 - BitOperations.LeadingZeroCount(n - 1));
}
