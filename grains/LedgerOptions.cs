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

    /// <summary>
    /// A benchmark board with more rows than this keeps its ranked rows (24 bytes each) in a file in
    /// <see cref="BoardSpillDirectory"/> instead of memory, and reads the slice a page needs (a silo's own, never shared).
    /// </summary>
    public int BoardRowsInMemory { get; set; } = DefaultBoardRowsInMemory;

    public const int DefaultBoardRowsInMemory = 65_536;

    /// <summary>Where boards' row files go; each is unlinked as soon as it is open, so none outlives its process.</summary>
    public string BoardSpillDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "ledger-board-rows");
}
