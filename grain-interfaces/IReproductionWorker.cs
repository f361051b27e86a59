namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// Re-runs logged records whose model is deterministic (`echo`, `fixture:`) against their registered benchmark and
/// hands each outcome to the record's grain. Stateless worker: call it with key 0; each silo queues its own work.
/// </summary>
[Alias("ledger.IReproductionWorker")]
public interface IReproductionWorker : IGrainWithIntegerKey
{
    /// <summary>Queues the records and returns at once; they are reproduced in the background, a few at a time.</summary>
    [Alias("Enqueue")]
    Task Enqueue(string[] recordIds);
}
