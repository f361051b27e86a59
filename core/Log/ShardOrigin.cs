namespace LedgerCluster.Core.Log;

/// <summary>Checkpoint origins: one per shard, e.g. `ledgercluster.local/shard/0`; the log key name equals it.</summary>
public static class ShardOrigin
{
    public const string DefaultPrefix = "ledgercluster.local";

    public static string For(string prefix, int shard) => $"{prefix}/shard/{shard}";
}
