using LedgerCluster.Core.Log;

namespace LedgerCluster.Grains;

/// <summary>Cluster-wide ledger settings; every silo of a deployment must agree on them.</summary>
public sealed class LedgerOptions
{
    /// <summary>Number of log shards. Records route by id modulo this, so it is fixed for the life of a deployment.</summary>
    public int ShardCount { get; set; } = DefaultShardCount;

    public const int DefaultShardCount = 4;

    /// <summary>Checkpoint origins are `{OriginPrefix}/shard/{n}`.</summary>
    public string OriginPrefix { get; set; } = ShardOrigin.DefaultPrefix;

    /// <summary>The most entries one batch (one checkpoint, one storage commit) takes.</summary>
    public int MaxBatch { get; set; } = 4096;
}
