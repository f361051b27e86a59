using LedgerCluster.Core.Hashing;

namespace LedgerCluster.Core.Log;

/// <summary>The stable routing rule: a record goes to shard (record id as a 256-bit number) mod shard count.</summary>
public static class ShardRouter
{
    public static int ShardOf(string recordId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var bytes = Hex.DecodeLower(recordId, 32, "record id");
        var remainder = 0;
        foreach (var b in bytes) remainder = (remainder * 256 + b) % shardCount;
        return remainder;
    }
}
