using LedgerCluster.Core.Trust;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Storage;

namespace LedgerCluster.Grains.Records;

/// <summary>Holds one record's attestations and answers for it; the bytes and position come from the log.</summary>
[GrainType("ledger-record")]
public sealed class RunRecordGrain(
    [PersistentState("record", StorageNames.Ledger)] IPersistentState<RunRecordState> state,
    ILogStore store) : Grain, IRunRecordGrain
{
    public async Task<RecordView?> Get()
    {
        var stored = await store.GetRecordAsync(this.GetPrimaryKeyString());
        if (stored is null) return null;
        var witnessed = (await GrainFactory.GetGrain<ILogShardGrain>(stored.Shard).GetInfo()).WitnessedSize;
        // Logged records passed the gateway's integrity and signature checks.
        var tier = TrustTiers.Of(new TrustEvidence(IntegrityHolds: true, SignatureHolds: true, InQuorumCheckpoint: stored.Index < witnessed));
        return new RecordView(stored.Json, new LogPosition(stored.Shard, stored.Index), [.. state.State.Attestations], TrustTiers.Name(tier));
    }

    public async Task<bool> AddAttestation(Attestation attestation)
    {
        if (state.State.Attestations.Any(a => a.PublicKey == attestation.PublicKey && a.Statement == attestation.Statement)) return false;
        state.State.Attestations.Add(attestation);
        await state.WriteStateAsync();
        return true;
    }
}
