using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// Re-runs one shard's deterministic records (`echo`, `fixture:`) against their registered benchmark (key: shard number).
/// The backlog is the log itself: a persisted cursor says how far the shard's leaves have been taken care of, so nothing
/// queued is ever lost, and callers only nudge it, never wait on it.
/// </summary>
[Alias("ledger.IReproductionQueueGrain")]
public interface IReproductionQueueGrain : IGrainWithIntegerKey
{
    /// <summary>The shard has leaves past the cursor (it just committed, or the silo started): work through them.</summary>
    [OneWay, AlwaysInterleave, Alias("Poke")]
    Task Poke();

    /// <summary>Take the whole shard again (a benchmark was registered, or a board lost outcomes): records already re-run are only re-announced.</summary>
    [OneWay, AlwaysInterleave, Alias("Rescan")]
    Task Rescan();

    /// <summary>Leaves of the shard not yet taken care of: the signed size minus the cursor.</summary>
    [AlwaysInterleave, Alias("GetBacklog")]
    Task<long> GetBacklog();
}
