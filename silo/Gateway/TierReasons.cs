using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Witness;

namespace LedgerCluster.Silo.Gateway;

/// <summary>Why a logged record is still `signed`: the shard's witnessing shortfall, in words.</summary>
public static class TierReasons
{
    public static async Task<string?> ForAsync(IGrainFactory grains, WitnessingOptions witnessing, LogPosition position, long witnessedSize)
    {
        if (position.Index < witnessedSize) return null;
        if (witnessing.Policy is null) return $"shard {position.Shard} has not signed a checkpoint covering index {position.Index} yet";
        var status = await grains.GetGrain<IWitnessCoordinatorGrain>(position.Shard).GetStatus();
        return status.Reason ?? $"shard {position.Shard} checkpoint covering index {position.Index} is awaiting witness cosignatures (quorum {status.Quorum})";
    }
}
