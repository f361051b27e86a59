using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>One run record (key: record id): its log position, attestations and tier.</summary>
[Alias("ledger.IRunRecordGrain")]
public interface IRunRecordGrain : IGrainWithStringKey
{
    /// <summary>The record as logged, or null when it is not in the log.</summary>
    [ReadOnly, Alias("Get")]
    Task<RecordView?> Get();

    /// <summary>Keeps an attestation; one per (key, statement). Returns false when it was already held.</summary>
    [Alias("AddAttestation")]
    Task<bool> AddAttestation(Attestation attestation);
}
