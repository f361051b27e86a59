using LedgerCluster.Core.Log;
using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Silo.Gateway;

/// <summary>A shard's signing as the freshness check reads it.</summary>
public static class ShardSignings
{
    // A shard always reports its signing time; an older silo's answer without one counts as signed just now.
    public static ShardSigning Of(ShardInfo info) => new(info.Shard, info.SignedAt ?? DateTimeOffset.UtcNow, info.WaitingEntries);
}
