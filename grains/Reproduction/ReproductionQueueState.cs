namespace LedgerCluster.Grains.Reproduction;

/// <summary>What a shard's reproduction queue persists: how far into the shard's leaves it has worked.</summary>
[GenerateSerializer, Alias("ledger.ReproductionQueueState")]
public sealed class ReproductionQueueState
{
    /// <summary>Every leaf below this index was re-run, or found not to be re-runnable here.</summary>
    [Id(0)] public long Cursor { get; set; }
}
