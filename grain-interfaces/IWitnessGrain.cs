using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>A c2sp.org/tlog-witness hosted in the cluster (key: witness name), trusting the cluster's own shard keys.</summary>
[Alias("ledger.IWitnessGrain")]
public interface IWitnessGrain : IGrainWithStringKey
{
    /// <summary>One add-checkpoint request body; the reply is the exact HTTP answer. The check and the state update are atomic.</summary>
    [Alias("AddCheckpoint")]
    Task<WitnessReply> AddCheckpoint(byte[] body);

    /// <summary>The witness's cosignature/v1 verifier key, for a policy's `witness` line.</summary>
    [ReadOnly, Alias("GetVerifierKey")]
    Task<string> GetVerifierKey();
}
