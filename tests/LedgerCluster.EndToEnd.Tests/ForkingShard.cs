using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Grains.Log;

namespace LedgerCluster.EndToEnd.Tests;

/// <summary>The test-only checkpoint fault: once armed, the shard signs checkpoints whose root is not its tree's (a forked view).</summary>
public sealed class ForkingShard : ICheckpointFault
{
    public volatile bool Armed;

    public Checkpoint Alter(int shard, Checkpoint honest) =>
        Armed ? new Checkpoint(honest.Origin, honest.Size, MerkleHash.LeafHash(honest.RootHash)) : honest;
}
