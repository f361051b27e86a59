using LedgerCluster.Core.Notes;

namespace LedgerCluster.Grains.Log;

/// <summary>
/// Test-only fault: registered only by tests, it lets a shard sign a checkpoint other than the honest one (a forked
/// view), so tests can show that witnesses refuse it and clients catch it. Production never registers one.
/// </summary>
public interface ICheckpointFault
{
    /// <summary>The checkpoint the shard signs instead of <paramref name="honest"/> (return it unchanged to stay honest).</summary>
    Checkpoint Alter(int shard, Checkpoint honest);

    /// <summary>Completes when the shard may sign its next checkpoint: a fault that never completes is a signer that cannot sign.</summary>
    Task BeforeSigningAsync(int shard) => Task.CompletedTask;
}
