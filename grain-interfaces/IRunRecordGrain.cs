using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>One run record (key: record id): its log position, attestations, reproduction outcome and tier.</summary>
[Alias("ledger.IRunRecordGrain")]
public interface IRunRecordGrain : IGrainWithStringKey
{
    /// <summary>The record as logged, or null when it is not in the log.</summary>
    [ReadOnly, Alias("Get")]
    Task<RecordView?> Get();

    /// <summary>Keeps an attestation; one per (key, statement). Returns false when it was already held.</summary>
    [Alias("AddAttestation")]
    Task<bool> AddAttestation(Attestation attestation);

    /// <summary>The cluster's re-run outcome, or null when the record was never reproduced.</summary>
    [ReadOnly, Alias("GetReproduction")]
    Task<ReproductionOutcome?> GetReproduction();

    /// <summary>Keeps the cluster's re-run outcome and tells the boards.</summary>
    [Alias("SetReproduction")]
    Task SetReproduction(ReproductionOutcome outcome);
}
