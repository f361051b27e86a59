using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// Gathers witness cosignatures for one shard's checkpoints (key: shard number) and hands the shard each checkpoint
/// that meets the witness policy. At most one add-checkpoint round per cadence, however fast checkpoints come.
/// </summary>
[Alias("ledger.IWitnessCoordinatorGrain")]
public interface IWitnessCoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>The shard signed a new checkpoint (its full signed note).</summary>
    [OneWay, Alias("CheckpointSigned")]
    Task CheckpointSigned(string checkpoint);

    /// <summary>Progress per witness and, while the latest checkpoint is short of the quorum, why.</summary>
    [AlwaysInterleave, Alias("GetStatus")]
    Task<WitnessingStatus> GetStatus();
}
