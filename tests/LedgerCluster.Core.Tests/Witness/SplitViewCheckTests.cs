using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Witness;

namespace LedgerCluster.Core.Tests.Witness;

public sealed class SplitViewCheckTests
{
    [Fact]
    public void An_extension_is_consistent_and_every_kind_of_fork_is_named()
    {
        using var log = new WitnessTestLog();
        log.Grow(12);
        Checkpoint At(ulong size) => Checkpoint.FromNote(log.CheckpointAt(size));
        var proof = AddCheckpointRequest.Parse(log.Body(5, 12)).Proof;
        Assert.Null(SplitViewCheck.FindFork(At(5), At(12), proof));
        Assert.Null(SplitViewCheck.FindFork(At(5), At(5), []));
        Assert.Contains("smaller", SplitViewCheck.FindFork(At(12), At(5), [])!, StringComparison.Ordinal);
        var other = new Checkpoint(WitnessTestLog.Origin, 5, MerkleHash.LeafHash([7]));
        Assert.Contains("different roots", SplitViewCheck.FindFork(At(5), other, [])!, StringComparison.Ordinal);
        var forked = new Checkpoint(WitnessTestLog.Origin, 12, MerkleHash.LeafHash([7]));
        Assert.Contains("not consistent", SplitViewCheck.FindFork(At(5), forked, proof)!, StringComparison.Ordinal);
    }
}
